# bench/fisher_ref.R: the R reference for `pathcorr test` in bench/test_vs_R.sh. Reads the same matrix.tsv and
# clinical.tsv and runs, per feature, the same tests with base R: fisher.test on the 2x2 altered/wild-type by
# responder/non-responder table (p-value, conditional MLE odds ratio, 95% CI), p.adjust(method = "BH") over the
# tested features (an altered and a wild-type patient, responders and non-responders), and,
# with --bor, fisher.test on the 2 x k table of altered/wild-type against every best-response category present
# (pathcorr's p_value_bor). Writes feature, p_value, odds_ratio, ci_low, ci_high, q_value[, p_value_bor] with
# %.17g so that the comparison sees every digit.
#
# Usage: Rscript fisher_ref.R matrix.tsv clinical.tsv out.tsv [--bor] [--features N] [--cap SECONDS]
#                              [--phases FILE --label TEXT]
#   --features N    only the first N features
#   --cap S         stop the 2 x k tests once the run has taken S seconds and record how many were done (the
#                   2x2 part always runs for every feature); the driver extrapolates from the measured subset
#   --phases FILE   append "label, read_s, fisher2x2_s, bor_s, bor_done, features" (TSV) to FILE
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3) stop("usage: Rscript fisher_ref.R matrix.tsv clinical.tsv out.tsv [--bor] [--features N] [--cap S]")
matrix_file <- args[1]; clinical_file <- args[2]; out_file <- args[3]
do_bor <- "--bor" %in% args
opt_value <- function(name, default) {
  i <- match(name, args)
  if (is.na(i)) default else as.numeric(args[i + 1])
}
max_features <- opt_value("--features", Inf)
cap <- opt_value("--cap", Inf)
opt_text <- function(name, default) {
  i <- match(name, args)
  if (is.na(i)) default else args[i + 1]
}
phases_file <- opt_text("--phases", "")
label <- opt_text("--label", "")

t0 <- proc.time()[["elapsed"]]
# Base R reading, column classes given so that read.delim does not guess 20,000 times.
header <- scan(matrix_file, what = "", sep = "\t", nlines = 1, quiet = TRUE)
n_feat <- length(header) - 1
m <- read.delim(matrix_file, colClasses = c("character", rep("integer", n_feat)), check.names = FALSE)
clin <- read.delim(clinical_file, colClasses = "character", na.strings = "")
bor <- toupper(clin$best_response[match(m$patient_id, clin$patient_id)])
responder <- bor %in% c("CR", "PR")
bor_levels <- intersect(c("CR", "PR", "SD", "PD", "NE"), unique(bor))
bor_factor <- factor(bor, levels = bor_levels)
t_read <- proc.time()[["elapsed"]] - t0

features <- header[-1]
if (is.finite(max_features)) features <- features[seq_len(min(max_features, length(features)))]
nf <- length(features)
p <- or <- lo <- hi <- pbor <- rep(NA_real_, nf)
tested <- rep(FALSE, nf)
resp_factor <- factor(responder, levels = c(TRUE, FALSE))

t1 <- proc.time()[["elapsed"]]
for (j in seq_len(nf)) {
  altered <- factor(m[[features[j]]] == 1L, levels = c(TRUE, FALSE))
  tab2 <- table(altered, resp_factor)
  ft <- fisher.test(tab2)
  p[j] <- ft$p.value; or[j] <- ft$estimate; lo[j] <- ft$conf.int[1]; hi[j] <- ft$conf.int[2]
  # pathcorr's `tested`: an altered and a wild-type patient, and both a responder and a non-responder.
  tested[j] <- all(rowSums(tab2) > 0) && all(colSums(tab2) > 0)
}
# q-values over the tested rows only (SPEC "associations.tsv"), NA elsewhere.
q <- rep(NA_real_, nf)
q[tested] <- p.adjust(p[tested], method = "BH")
t_2x2 <- proc.time()[["elapsed"]] - t1

n_bor <- 0L
t_bor <- 0
if (do_bor) {
  t2 <- proc.time()[["elapsed"]]
  for (j in seq_len(nf)) {
    if (proc.time()[["elapsed"]] - t0 > cap) break
    altered <- factor(m[[features[j]]] == 1L, levels = c(TRUE, FALSE))
    tab <- table(altered, bor_factor)
    # fisher.test refuses a table with an empty row; pathcorr (and any exact test) gives p = 1 there.
    tab <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
    pbor[j] <- if (nrow(tab) < 2 || ncol(tab) < 2) 1 else fisher.test(tab, workspace = 2e7)$p.value
    n_bor <- j
  }
  t_bor <- proc.time()[["elapsed"]] - t2
}

out <- data.frame(feature = features,
                  p_value = sprintf("%.17g", p), odds_ratio = sprintf("%.17g", or),
                  ci_low = sprintf("%.17g", lo), ci_high = sprintf("%.17g", hi),
                  q_value = sprintf("%.17g", q))
if (do_bor) out$p_value_bor <- sprintf("%.17g", pbor)
write.table(out, out_file, sep = "\t", quote = FALSE, row.names = FALSE)
# Phase timings for the driver script.
if (nzchar(phases_file)) {
  cat(sprintf("%s\t%.3f\t%.3f\t%.3f\t%d\t%d\n", label, t_read, t_2x2, t_bor, n_bor, nf),
      file = phases_file, append = TRUE)
}
