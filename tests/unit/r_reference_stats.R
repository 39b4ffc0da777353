# Regenerates the reference values pasted into tests/unit/test_stats.cpp (pipeline/stats.h).
# Run: Rscript tests/unit/r_reference_stats.R   (R 4.2.2, base packages only)
# Every value is printed with 17 significant digits next to the R call that produced it.
options(digits = 17)
g <- function(x) sprintf("%.17g", x)

# ---- 1. fisher.test on 2x2 tables ---------------------------------------------------------------------------
# Table [[a, b], [c, d]] (rows altered / wild-type, columns responder / non-responder) is
# matrix(c(a, c, b, d), 2) in R.
fisher_line <- function(a, b, c, d, alternative = "two.sided", conf.level = 0.95) {
  r <- fisher.test(matrix(c(a, c, b, d), 2), alternative = alternative, conf.level = conf.level)
  cat(sprintf("fisher.test(matrix(c(%d,%d,%d,%d),2), alternative='%s', conf.level=%s): p=%s or=%s ci=%s %s\n",
              a, c, b, d, alternative, conf.level, g(r$p.value), g(r$estimate), g(r$conf.int[1]),
              g(r$conf.int[2])))
}

# R's fisher.test solves the odds ratio and the interval with uniroot(tol = .Machine$double.eps^0.25), i.e.
# about 1.2e-4 absolute on the ncp (or 1/ncp) scale. To show that this is the only difference, the same
# equations (dnhyper, mnhyper, pnhyper copied from the body of fisher.test) are solved here with uniroot on
# log(ncp) at tol = 1e-13: "fisher_precise" below. The C++ results are tested against these to 1e-9.
fisher_precise <- function(a, b, c, d, alternative = "two.sided", conf.level = 0.95) {
  x <- matrix(c(a, c, b, d), 2)
  m <- sum(x[, 1L]); n <- sum(x[, 2L]); k <- sum(x[1L, ]); x <- x[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) { if (ncp == 0) return(lo); if (ncp == Inf) return(hi); sum(support * dnhyper(ncp)) }
  pnhyper <- function(q, ncp = 1, upper.tail = FALSE) {
    if (ncp == 1) return(if (upper.tail) phyper(x - 1, m, n, k, lower.tail = FALSE) else phyper(x, m, n, k))
    sum(dnhyper(ncp)[if (upper.tail) support >= q else support <= q])
  }
  root <- function(f) exp(uniroot(function(l) f(exp(l)), c(-5, 5), extendInt = "yes", tol = 1e-13,
                                  maxiter = 10000)$root)
  mle <- if (x == lo) 0 else if (x == hi) Inf else root(function(t) mnhyper(t) - x)
  ncp.U <- function(alpha) if (x == hi) Inf else root(function(t) pnhyper(x, t) - alpha)
  ncp.L <- function(alpha) if (x == lo) 0 else root(function(t) pnhyper(x, t, upper.tail = TRUE) - alpha)
  ci <- switch(alternative, less = c(0, ncp.U(1 - conf.level)), greater = c(ncp.L(1 - conf.level), Inf),
               two.sided = { alpha <- (1 - conf.level) / 2; c(ncp.L(alpha), ncp.U(alpha)) })
  cat(sprintf("fisher_precise(%d,%d,%d,%d, '%s', %s): or=%s ci=%s %s\n", a, b, c, d, alternative, conf.level,
              g(mle), g(ci[1]), g(ci[2])))
}

cases <- list(
  c(3, 1, 12, 20),        # founding trial shape: 3 of 4 altered respond vs 12 of 32 wild-type
  c(1, 2, 3, 4), c(2, 7, 8, 2), c(10, 3, 2, 15),
  c(0, 5, 4, 6), c(3, 0, 5, 9), c(7, 0, 3, 5),   # zero cells
  c(5, 0, 0, 5), c(0, 5, 5, 0), c(4, 0, 0, 9),   # perfectly separated
  c(0, 0, 3, 4), c(0, 3, 0, 4),                  # a zero margin
  c(412, 588, 397, 603),                          # n = 2000, balanced
  c(3, 997, 40, 960), c(1, 9999, 20, 9980),       # very unbalanced
  c(5000, 5000, 5100, 4900), c(120, 9880, 60, 9940),  # n = 20000
  c(500, 500, 100, 900))                          # tiny p
for (cs in cases) {
  do.call(fisher_line, as.list(cs))
  if (!(cs[1] + cs[3] == 0 || cs[2] + cs[4] == 0 || cs[1] + cs[2] == 0 || cs[3] + cs[4] == 0))
    do.call(fisher_precise, as.list(cs))
}
# An exact tie that floating point separates: for [[5,2],[1,9]], P(X = 0) = P(X = 5) = 330 / choose(17, 7)
# (dhyper(0:7, 6, 11, 7) * choose(17, 7) = 330 2772 6930 6600 2475 330 11 0); the 1e-7 rule must keep both.
fisher_line(5, 2, 1, 9)
fisher_line(1, 9, 5, 2)
for (alt in c("less", "greater")) {
  for (cs in list(c(3, 1, 12, 20), c(10, 3, 2, 15), c(412, 588, 397, 603), c(5, 0, 0, 5), c(0, 5, 4, 6))) {
    fisher_line(cs[1], cs[2], cs[3], cs[4], alternative = alt)
    fisher_precise(cs[1], cs[2], cs[3], cs[4], alternative = alt)
  }
}
# A one-sided p-value near the bottom of the double range (R's phyper keeps full precision there):
fisher_line(3575, 7550, 5178, 3697, alternative = "less", conf.level = 0.9)
fisher_precise(3575, 7550, 5178, 3697, alternative = "less", conf.level = 0.9)
for (cl in c(0.9, 0.99)) {
  for (alt in c("two.sided", "less", "greater")) {
    fisher_line(3, 1, 12, 20, alternative = alt, conf.level = cl)
    fisher_precise(3, 1, 12, 20, alternative = alt, conf.level = cl)
  }
  fisher_line(412, 588, 397, 603, conf.level = cl)
  fisher_precise(412, 588, 397, 603, conf.level = cl)
}

# ---- 2. p.adjust ------------------------------------------------------------------------------------------------
p <- c(0.01, 0.04, NA, 0.04, 0.2, 0.5, 0.001, 0.03, 0.5, 1e-4, 0.9)
cat("p <- c(0.01, 0.04, NA, 0.04, 0.2, 0.5, 0.001, 0.03, 0.5, 1e-4, 0.9)\n")
for (method in c("BH", "BY", "holm", "bonferroni", "none")) {
  cat(sprintf("p.adjust(p, '%s'): %s\n", method, paste(g(p.adjust(p, method)), collapse = ", ")))
}
cat(sprintf("p.adjust(c(0.2, NA), 'BH'): %s\n", paste(g(p.adjust(c(0.2, NA), "BH")), collapse = ", ")))

# ---- 3. binom.test confidence intervals (Clopper-Pearson) -----------------------------------------------------
for (kn in list(c(15, 36), c(0, 10), c(10, 10), c(0, 1), c(1, 1), c(3, 4), c(250, 1000), c(1, 20000))) {
  ci <- binom.test(kn[1], kn[2])$conf.int
  cat(sprintf("binom.test(%d, %d)$conf.int: %s %s\n", kn[1], kn[2], g(ci[1]), g(ci[2])))
}
for (cl in c(0.9, 0.99)) {
  ci <- binom.test(15, 36, conf.level = cl)$conf.int
  cat(sprintf("binom.test(15, 36, conf.level=%s)$conf.int: %s %s\n", cl, g(ci[1]), g(ci[2])))
}

# ---- 4. fisher.test on r x c tables (FEXACT) -----------------------------------------------------------------
rxc <- function(expr_text, ...) {
  m <- eval(parse(text = expr_text))
  r <- tryCatch(g(fisher.test(m, ...)$p.value), error = function(e) paste("ERROR:", conditionMessage(e)))
  extra <- if (length(list(...))) paste0(", ", paste(names(list(...)), "=", list(...), collapse = ", ")) else ""
  cat(sprintf("fisher.test(%s%s)$p.value: %s\n", expr_text, extra, r))
}
rxc("matrix(c(3,1,1,5,2,7),2)")                 # 2x3 [[3,1,2],[1,5,7]]
rxc("matrix(c(2,5,3,1,4,2,1,6),2)")             # 2x4 [[2,3,4,1],[5,1,2,6]]
rxc("matrix(c(3,1,4,1,5,2,2,7,2),3)")           # 3x3 [[3,1,2],[1,5,7],[4,2,2]]
rxc("matrix(c(3,1,0,0,2,7),2)")                 # 2x3 with an empty column
rxc("t(matrix(c(3,1,2,1,5,7,4,2),2))")          # 4x2 [[3,1],[2,1],[5,7],[4,2]]
rxc("matrix(c(30,20,10,20,30,25,10,25,40),3)")  # 3x3, n = 210
rxc("matrix(c(4,0,3,1,0,5,2,2,1,3,0,4),3)")     # 3x4 [[4,1,2,3],[0,0,2,0],[3,5,1,4]]
# 2x4 with 1600 patients that the default workspace cannot do:
rxc("matrix(c(100,150,200,200,250,250,350,100),2)")                    # FEXACT error 7 (LDSTP too small)
rxc("matrix(c(100,150,200,200,250,250,350,100),2)", workspace = 2e8)  # [[100,200,250,350],[150,200,250,100]]
rxc("matrix(c(100,150,150,200,200,250,350,200),2)")                    # [[100,150,200,350],[150,200,250,200]]
rxc("matrix(c(190,210,210,190,205,195,195,205),2)")
rxc("matrix(c(180,220,230,170,190,210,200,200),2)")
rxc("matrix(c(150,250,250,150,300,100,100,300),2)")
rxc("matrix(c(510,490,490,510,505,495,480,520,515,485),2)", workspace = 2e8)  # 2x5, n = 5000
# 2 x k tables on a cohort's best-response margins (TwoRowFisherNull, test_stats_nulls.cpp):
rxc("rbind(c(5,20,30,25,3), c(36,106,146,101,33))", workspace = 2e7)
rxc("rbind(c(12,40,30,20,8), c(29,86,146,106,28))", workspace = 2e7)
rxc("rbind(c(1,0,3,2,0), c(40,126,173,124,36))", workspace = 2e7)
rxc("rbind(c(30,60,50,10,0), c(11,66,126,116,36))", workspace = 2e7)
rxc("rbind(c(20,60,90,70,15), c(21,66,86,56,21))", workspace = 2e7)
rxc("rbind(c(2,9,6), c(8,11,24))", workspace = 2e7)
rxc("rbind(c(4,1,7,3), c(4,8,5,8))", workspace = 2e7)

# FEXACT builds log(i!) by a double-precision recurrence (fexact.c); its error grows with n, which limits how
# closely R's r x c p-values can agree with an exact computation for large tables:
fexact_log_factorials <- function(ntot) {
  fact <- numeric(ntot + 1); fact[3] <- log(2)
  for (i in seq(3, ntot, by = 2)) {
    fact[i + 1] <- fact[i] + log(i); j <- i + 1
    if (j <= ntot) fact[j + 1] <- fact[i + 1] + fact[3] + fact[j / 2 + 1] - fact[j / 2]
  }
  fact
}
err <- fexact_log_factorials(5000) - lgamma(0:5000 + 1)
cat(sprintf("FEXACT log(i!) error vs lgamma: %s at n=1600, %s at n=5000 (max %s)\n", g(err[1601]), g(err[5001]),
            g(max(abs(err)))))

# ---- 5. exact trend test (2 x k, both margins fixed), by full enumeration -----------------------------------
# T = sum(scores * altered); tables with |T - E| >= |t_obs - E| - 1e-7 * (|t_obs - E| + max|score|) count.
exact_trend_enum <- function(alt, wt, scores = seq_along(alt) - 1) {
  cols <- alt + wt; keep <- cols > 0
  alt <- alt[keep]; cols <- cols[keep]; scores <- scores[keep]
  r0 <- sum(alt); N <- sum(cols); k <- length(cols)
  if (k < 2 || r0 == 0 || r0 == N) return(1)
  grid <- as.matrix(expand.grid(lapply(cols[-k], function(cj) 0:cj)))
  last <- r0 - rowSums(grid)
  ok <- last >= 0 & last <= cols[k]
  tabs <- cbind(grid[ok, , drop = FALSE], last[ok])
  logp <- rowSums(matrix(sapply(seq_len(k), function(j) lchoose(cols[j], tabs[, j])), nrow = nrow(tabs))) -
    lchoose(N, r0)
  T <- as.vector(tabs %*% scores)
  E <- r0 / N * sum(scores * cols)
  d_obs <- abs(sum(scores * alt) - E)
  sum(exp(logp)[abs(T - E) >= d_obs - 1e-7 * (d_obs + max(abs(scores)))])
}
trend_line <- function(alt, wt, scores = seq_along(alt) - 1) {
  cat(sprintf("exact_trend_enum(c(%s), c(%s), c(%s)): %s\n", paste(alt, collapse = ","), paste(wt, collapse = ","),
              paste(scores, collapse = ","), g(exact_trend_enum(alt, wt, scores))))
}
trend_line(c(1, 3, 4, 2), c(5, 4, 2, 1))
trend_line(c(1, 3, 4, 2), c(5, 4, 2, 1), c(0, 1, 3, 7))
trend_line(c(1, 3, 4, 2), c(5, 4, 2, 1), c(0, 0.5, 2.25, 3))
trend_line(c(3, 2, 1), c(2, 4, 6))
trend_line(c(2, 2, 2), c(3, 3, 3))          # T = E exactly
trend_line(c(0, 1, 5, 6, 2), c(4, 7, 6, 3, 1))
trend_line(c(2, 0, 3, 4), c(1, 0, 6, 5))    # an empty category
trend_line(c(3, 1, 4, 8), c(2, 6, 10, 1), c(4, 3, 2, 1))  # CR > PR > SD > PD as 4..1
trend_line(c(6, 1, 2), c(1, 4, 10))

# ---- 6. mantelhaen.test(exact = TRUE) --------------------------------------------------------------------------
# Strata {a, b, c, d} are x[, , s] = matrix(c(a, c, b, d), 2).
mh_line <- function(strata, alternative = "two.sided", conf.level = 0.95) {
  x <- array(unlist(lapply(strata, function(s) c(s[1], s[3], s[2], s[4]))), dim = c(2, 2, length(strata)))
  r <- mantelhaen.test(x, exact = TRUE, alternative = alternative, conf.level = conf.level)
  r2 <- mantelhaen.test(x, exact = FALSE)
  cat(sprintf("mantelhaen.test(%s, exact=TRUE, alternative='%s', conf.level=%s): p=%s or=%s ci=%s %s mh=%s\n",
              deparse(strata), alternative, conf.level, g(r$p.value), g(r$estimate), g(r$conf.int[1]),
              g(r$conf.int[2]), g(r2$estimate)))
}
# As for fisher_precise: the exact branch of mantelhaen.test (C_d2x2xk is replaced by the same convolution of
# dhyper laws written in R) with the roots solved by uniroot on log(ncp) at tol = 1e-13.
mh_precise <- function(strata, alternative = "two.sided", conf.level = 0.95) {
  m <- sapply(strata, function(s) s[1] + s[3]); n <- sapply(strata, function(s) s[2] + s[4])
  t <- sapply(strata, function(s) s[1] + s[2]); s <- sum(sapply(strata, function(z) z[1]))
  lo <- sum(pmax(0, t - n)); hi <- sum(pmin(m, t)); support <- lo:hi
  dc <- 1
  for (k in seq_along(strata)) {
    l <- max(0, t[k] - n[k]); h <- min(m[k], t[k])
    dk <- c(rep(0, l), dhyper(l:h, m[k], n[k], t[k]))
    out <- numeric(length(dc) + length(dk) - 1)  # direct convolution (convolve() is FFT-based and noisy)
    for (i in seq_along(dk)) out[i:(i + length(dc) - 1)] <- out[i:(i + length(dc) - 1)] + dk[i] * dc
    dc <- out
  }
  dc <- dc[(lo + 1):(hi + 1)]; dc <- dc / sum(dc); logdc <- log(dc)
  dn <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mn <- function(ncp) sum(support * dn(ncp))
  pn <- function(q, ncp, upper.tail = FALSE) sum(dn(ncp)[if (upper.tail) support >= q else support <= q])
  root <- function(f) exp(uniroot(function(l) f(exp(l)), c(-5, 5), extendInt = "yes", tol = 1e-13,
                                  maxiter = 10000)$root)
  mle <- if (s == lo) 0 else if (s == hi) Inf else root(function(t) mn(t) - s)
  ncp.U <- function(alpha) if (s == hi) Inf else root(function(t) pn(s, t) - alpha)
  ncp.L <- function(alpha) if (s == lo) 0 else root(function(t) pn(s, t, upper.tail = TRUE) - alpha)
  ci <- switch(alternative, less = c(0, ncp.U(1 - conf.level)), greater = c(ncp.L(1 - conf.level), Inf),
               two.sided = { alpha <- (1 - conf.level) / 2; c(ncp.L(alpha), ncp.U(alpha)) })
  cat(sprintf("mh_precise(%s, '%s', %s): or=%s ci=%s %s\n", deparse(strata), alternative, conf.level, g(mle),
              g(ci[1]), g(ci[2])))
}
mh1 <- list(c(3, 1, 12, 20), c(2, 5, 4, 10), c(6, 2, 3, 7))
mh2 <- list(c(0, 4, 3, 5), c(2, 0, 1, 6))
mh3 <- list(c(20, 30, 25, 45), c(15, 35, 10, 40), c(8, 12, 9, 21))
for (alt in c("two.sided", "less", "greater")) { mh_line(mh1, alt); mh_precise(mh1, alt) }
mh_line(mh1, conf.level = 0.9); mh_precise(mh1, conf.level = 0.9)
mh_line(mh2); mh_precise(mh2)
mh_line(mh3); mh_precise(mh3)
