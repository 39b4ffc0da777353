# Regenerates the reference values of tests/unit/test_power.cpp: exact power of Fisher's test by enumeration of
# every table (fisher.test over all (a, c), weighted by dbinom), the min detectable odds ratio (grid 1.25^i, then
# uniroot on the enumerated power) and sample sizes (smallest n with power >= 0.8, n1 = floor(F n + 0.5)).
# Run: Rscript tests/unit/r_reference_power.R (R 4.2.2; ~40 s).
reject_set <- function(n1, n0, alpha, alt) {
  tabs <- expand.grid(a = 0:n1, c = 0:n0)
  p <- mapply(function(a, c) fisher.test(matrix(c(a, c, n1 - a, n0 - c), 2), alternative = alt)$p.value,
              tabs$a, tabs$c)
  tabs[p <= alpha, ]
}
pw_set <- function(r, n1, n0, p0, or) {
  p1 <- or * p0 / (1 - p0 + or * p0)
  sum(dbinom(r$a, n1, p1) * dbinom(r$c, n0, p0))
}
pw <- function(n1, n0, p0, or, alpha = 0.05, alt = "two.sided") pw_set(reject_set(n1, n0, alpha, alt), n1, n0, p0, or)
cfg <- list(c(4, 17, 11/17, 5, 0.05), c(3, 10, 0.2, 8, 0.05), c(1, 20, 0.3, 20, 0.05), c(12, 5, 0.5, 0.2, 0.05),
            c(30, 40, 0.3, 4, 0.05), c(7, 2, 0.4, 3, 0.1), c(15, 15, 0.25, 6, 0.01))
for (alt in c("two.sided", "less", "greater"))
  for (x in cfg) cat(sprintf("{%d, %d, %.17g, %.17g, %.17g, \"%s\", %.17g},\n", x[1], x[2], x[3], x[4], x[5], alt,
                             pw(x[1], x[2], x[3], x[4], x[5], alt)))
# min detectable odds ratio: grid 1.25^i then uniroot
mdor <- function(n1, n0, p0, alpha = 0.05, alt = "two.sided", target = 0.8) {
  r <- reject_set(n1, n0, alpha, alt)
  f <- function(lor) pw_set(r, n1, n0, p0, exp(lor)) - target
  if (sum(dbinom(r$a, n1, 1) * dbinom(r$c, n0, p0)) < target) return(Inf)
  below <- 0
  for (i in 1:124) { above <- i * log(1.25); if (f(above) < 0) { below <- above; next }
    return(exp(uniroot(f, c(below, above), tol = 1e-14)$root)) }
  Inf
}
for (x in list(c(4, 17, 7/17), c(8, 13, 5/13), c(10, 10, 0.3), c(3, 30, 0.2), c(25, 8, 0.5), c(2, 5, 0.5), c(20, 40, 0.1)))
  cat(sprintf("{%d, %d, %.17g, %.17g},\n", x[1], x[2], x[3], mdor(x[1], x[2], x[3])))
# sample size: smallest n with power >= target, n1 = floor(F n + 0.5)
ss <- function(F, p0, or, target = 0.8, alpha = 0.05, alt = "two.sided") {
  for (n in 2:200) { n1 <- floor(F * n + 0.5); n0 <- n - n1; if (n1 < 1 || n0 < 1) next
    p <- pw(n1, n0, p0, or, alpha, alt); if (p >= target) return(c(n, n1, n0, p)) }
}
for (x in list(c(0.5, 0.2, 10), c(0.3, 0.3, 8), c(0.2, 0.4, 12)))
  cat(sprintf("{%.17g, %.17g, %.17g, %d, %d, %d, %.17g},\n", x[1], x[2], x[3], ss(x[1], x[2], x[3])[1],
              ss(x[1], x[2], x[3])[2], ss(x[1], x[2], x[3])[3], ss(x[1], x[2], x[3])[4]))
