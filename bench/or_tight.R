# bench/or_tight.R: the conditional maximum-likelihood odds ratio and its exact conditional confidence interval
# as fisher.test defines them (noncentral hypergeometric of x[1,1] given the margins), but with the root
# finder run to tol = 1e-13 instead of fisher.test's uniroot default (.Machine$double.eps^0.25 ~ 1.2e-4).
# bench/test_vs_R.sh uses it to tell how much of a pathcorr-vs-fisher.test difference in odds_ratio/ci_* is
# fisher.test's own tolerance. Not timed.
#
# Usage: Rscript or_tight.R matrix.tsv clinical.tsv out.tsv
args <- commandArgs(trailingOnly = TRUE)
header <- scan(args[1], what = "", sep = "\t", nlines = 1, quiet = TRUE)
m <- read.delim(args[1], colClasses = c("character", rep("integer", length(header) - 1)), check.names = FALSE)
clin <- read.delim(args[2], colClasses = "character", na.strings = "")
responder <- toupper(clin$best_response[match(m$patient_id, clin$patient_id)]) %in% c("CR", "PR")
TOL <- 1e-13
alpha <- (1 - 0.95) / 2

tight <- function(a, b, c, d) {
  x <- a; mm <- a + c; n <- b + d; k <- a + b           # x[1,1]; first column, second column, first row
  lo <- max(0L, k - n); hi <- min(k, mm)
  support <- lo:hi
  logdc <- dhyper(support, mm, n, k, log = TRUE)
  dn <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mn <- function(ncp) {
    if (ncp == 0) return(lo)
    if (ncp == Inf) return(hi)
    sum(support * dn(ncp))
  }
  pn <- function(q, ncp, upper = FALSE) {
    if (ncp == 0) return(as.numeric(if (upper) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper) q <= hi else q >= hi))
    d <- dn(ncp)
    if (upper) sum(d[support >= q]) else sum(d[support <= q])
  }
  root <- function(f, lower, upper) uniroot(f, c(lower, upper), tol = TOL, maxiter = 10000)$root
  mle <- if (x == lo) 0 else if (x == hi) Inf else {
    mu <- mn(1)
    if (mu > x) root(function(t) mn(t) - x, 0, 1)
    else if (mu < x) 1 / root(function(t) mn(1 / t) - x, .Machine$double.eps, 1)
    else 1
  }
  ncp_u <- if (x == hi) Inf else {
    p <- pn(x, 1)
    if (p < alpha) root(function(t) pn(x, t) - alpha, 0, 1)
    else if (p > alpha) 1 / root(function(t) pn(x, 1 / t) - alpha, .Machine$double.eps, 1)
    else 1
  }
  ncp_l <- if (x == lo) 0 else {
    p <- pn(x, 1, upper = TRUE)
    if (p > alpha) root(function(t) pn(x, t, upper = TRUE) - alpha, 0, 1)
    else if (p < alpha) 1 / root(function(t) pn(x, 1 / t, upper = TRUE) - alpha, .Machine$double.eps, 1)
    else 1
  }
  c(mle, ncp_l, ncp_u)
}

features <- header[-1]
res <- t(vapply(features, function(f) {
  alt <- m[[f]] == 1L
  tight(sum(alt & responder), sum(alt & !responder), sum(!alt & responder), sum(!alt & !responder))
}, numeric(3)))
write.table(data.frame(feature = features, odds_ratio = sprintf("%.17g", res[, 1]),
                       ci_low = sprintf("%.17g", res[, 2]), ci_high = sprintf("%.17g", res[, 3])),
            args[3], sep = "\t", quote = FALSE, row.names = FALSE)
