# Reference values of tests/unit/test_association.cpp, computed with R 4.2:
#   Rscript tests/data/unit/association_reference.R
# fisher.test / binom.test / p.adjust are called as they are; the odds-ratio interval is also solved to full
# precision (fisher.test's own uniroot stops at ~1.2e-4 absolute on ncp or 1/ncp, so its printed limits are off by
# up to ~1% for wide intervals); the exact trend test has no R function and is computed by full enumeration.
f <- function(a, b, c, d, alt = "two.sided", cl = 0.95) {
  r <- fisher.test(matrix(c(a, c, b, d), 2), alternative = alt, conf.level = cl)
  cat(sprintf("fisher.test(matrix(c(%d,%d,%d,%d),2), alternative='%s', conf.level=%g):", a, c, b, d, alt, cl),
      sprintf("p=%.17g or=%.17g ci=%.17g %.17g\n", r$p.value, r$estimate, r$conf.int[1], r$conf.int[2]))
}
# Same equations as fisher.test (pnhyper / ncp.U / ncp.L / mle), roots to 1e-13 in log(ncp).
precise_ci <- function(a, b, c, d, conf.level = 0.95, alternative = "two.sided") {
  x <- matrix(c(a, c, b, d), 2)
  m <- sum(x[, 1L]); n <- sum(x[, 2L]); k <- sum(x[1L, ]); xx <- x[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  pnhyper <- function(q, ncp, upper.tail = FALSE) {
    if (upper.tail) sum(dnhyper(ncp)[support >= q]) else sum(dnhyper(ncp)[support <= q]) }
  ncp.U <- function(x, alpha) { if (x == hi) return(Inf)
    exp(uniroot(function(t) pnhyper(x, exp(t)) - alpha, c(-50, 50), tol = 1e-13)$root) }
  ncp.L <- function(x, alpha) { if (x == lo) return(0)
    exp(uniroot(function(t) pnhyper(x, exp(t), upper.tail = TRUE) - alpha, c(-50, 50), tol = 1e-13)$root) }
  mle <- function(x) { if (x == lo) return(0); if (x == hi) return(Inf)
    mu <- function(ncp) sum(support * dnhyper(ncp))
    exp(uniroot(function(t) mu(exp(t)) - x, c(-50, 50), tol = 1e-13)$root) }
  ci <- switch(alternative, less = c(0, ncp.U(xx, 1 - conf.level)), greater = c(ncp.L(xx, 1 - conf.level), Inf),
               two.sided = { alpha <- (1 - conf.level) / 2; c(ncp.L(xx, alpha), ncp.U(xx, alpha)) })
  cat(sprintf("precise_ci(%d,%d,%d,%d,%g,%s): or=%.17g ci=%.17g %.17g\n", a, b, c, d, conf.level, alternative,
              mle(xx), ci[1], ci[2]))
}
bor <- function(x) { m <- matrix(x, nrow = 2, byrow = TRUE); m <- m[, colSums(m) > 0, drop = FALSE]
  cat(sprintf("fisher.test(%s)$p.value = %.17g\n", deparse(m), fisher.test(m)$p.value)) }
trend <- function(alt, wt, s) {
  tot <- alt + wt; n <- sum(alt); N <- sum(tot); E <- n / N * sum(s * tot)
  g <- expand.grid(lapply(tot, function(t) 0:t)); g <- g[rowSums(g) == n, , drop = FALSE]
  pr <- apply(g, 1, function(x) prod(choose(tot, x))) / choose(N, n); T <- as.matrix(g) %*% s
  d <- abs(sum(s * alt) - E)
  p <- sum(pr[abs(T - E) >= d - 1e-7 * (d + max(abs(s)))])
  cat(sprintf("trend(%s, %s) = %.17g\n", deparse(alt), deparse(wt), p))
}
b <- function(k, n, cl = 0.95) { ci <- binom.test(k, n, conf.level = cl)$conf.int
  cat(sprintf("binom.test(%d, %d, conf.level=%g)$conf.int = %.17g %.17g\n", k, n, cl, ci[1], ci[2])) }

for (t in list(c(3,3,2,4), c(1,2,2,5), c(2,1,1,5), c(5,0,0,7), c(3,4,1,3), c(1,5,1,5), c(5,1,3,3), c(4,1,3,2),
               c(2,1,3,2))) { f(t[1], t[2], t[3], t[4]); precise_ci(t[1], t[2], t[3], t[4]) }
f(3,3,2,4, "greater"); precise_ci(3,3,2,4, alternative = "greater")
f(3,3,2,4, "less"); precise_ci(3,3,2,4, alternative = "less")
f(3,3,2,4, cl = 0.9); precise_ci(3,3,2,4, 0.9)
bor(c(1,2,2,1,0, 1,1,1,2,1)); bor(c(1,0,1,1,0, 1,1,2,2,1)); bor(c(2,0,1, 1,3,2)); bor(c(2,3,0,0,0, 0,0,3,3,1))
bor(c(1,2,2,2,0, 1,0,1,1,1))
p <- c(A = fisher.test(matrix(c(3,2,3,4),2))$p.value, B = fisher.test(matrix(c(1,2,2,5),2))$p.value,
       C = fisher.test(matrix(c(2,1,1,5),2))$p.value, D = 1, E = fisher.test(matrix(c(5,0,0,7),2))$p.value,
       PW = fisher.test(matrix(c(3,1,4,3),2))$p.value)
cat(sprintf("p.adjust BH %s: %.17g\n", names(p), p.adjust(p, "BH")), sep = "")
trend(c(2,3,0,0), c(0,0,3,3), c(3,2,1,0)); trend(c(1,2,2,1), c(1,1,1,2), c(3,2,1,0))
b(3,6); b(2,6); b(5,5); b(0,7); b(3,6,0.9); b(6,14); b(9,14); b(8,12); b(5,12); b(7,10); b(6,14,0.9)
