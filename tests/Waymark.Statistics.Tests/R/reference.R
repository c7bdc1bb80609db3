# R's figures for Waymark's statistics, printed as flat keys that mirror the JSON of `waymark stats`
# (objects joined by ".", array items by index), so a test can compare every figure both ways.
#   Rscript --vanilla reference.R freq     DATA.csv VAR [WEIGHT]
#   Rscript --vanilla reference.R crosstab DATA.csv ROW COL [WEIGHT]
#   Rscript --vanilla reference.R logit    DATA.csv OUTCOME PRED1,PRED2 [WEIGHT|-] [COLUMN=LEVEL ...]
#   Rscript --vanilla reference.R describe DATA.csv VAR
# A level order for a column (a form's choice names) comes in the environment: WAYMARK_LEVELS_<column>=a|b|c.
# Lines: "key=number" (17 significant digits, "null" for NA/NaN/Inf), "$key=text", "!flag=TRUE|FALSE",
# "~key=number" for a figure R only approximates (confint()'s spline), compared more loosely.
# Levels sort as in the C locale, the order Waymark documents (docs/statistics.md).
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(trailingOnly = TRUE)
kind <- args[1]
d <- read.csv(args[2], na.strings = c("", "NA"), check.names = FALSE, stringsAsFactors = FALSE)
num <- function(key, v) cat(key, "=", if (is.na(v) || !is.finite(v)) "null" else sprintf("%.17g", v), "\n", sep = "")
txt <- function(key, v) cat("$", key, "=", v, "\n", sep = "")
flag <- function(key, v) cat("!", key, "=", v, "\n", sep = "")
matrix_out <- function(key, m) for (i in seq_len(nrow(m))) for (j in seq_len(ncol(m))) num(sprintf("%s.%d.%d", key, i - 1, j - 1), m[i, j])
weights_of <- function(w) if (is.na(w) || w == "-") rep(1, nrow(d)) else as.numeric(d[[w]])
levels_of <- function(name) { v <- Sys.getenv(paste0("WAYMARK_LEVELS_", name), unset = NA); if (is.na(v)) NULL else strsplit(v, "|", fixed = TRUE)[[1]] }
ordered <- function(x, name) { L <- levels_of(name); if (is.null(L)) factor(x) else factor(x, levels = c(L, sort(setdiff(unique(x), L)))) }
test_out <- function(key, x) { num(paste0(key, ".statistic"), unname(x$statistic)); num(paste0(key, ".df"), unname(x$parameter)); num(paste0(key, ".p"), x$p.value) }

if (kind == "freq") {
  wt <- weights_of(args[4])
  x <- d[[args[3]]]
  known <- !is.na(wt)
  x <- x[known]; wt <- wt[known]
  total <- sum(wt); missing <- sum(wt[is.na(x)]); used <- sum(!is.na(x))
  counts <- tapply(wt[!is.na(x)], ordered(x[!is.na(x)], args[3]), sum)
  counts[is.na(counts)] <- 0
  num("n", total - missing); num("missing", missing); num("rows_used", used); num("rows_dropped", nrow(d) - used)
  for (i in seq_along(counts)) {
    key <- sprintf("levels.%d.", i - 1)
    txt(paste0(key, "value"), names(counts)[i]); num(paste0(key, "count"), counts[[i]])
    num(paste0(key, "percent"), 100 * counts[[i]] / total); num(paste0(key, "valid_percent"), 100 * counts[[i]] / (total - missing))
  }
} else if (kind == "crosstab") {
  wt <- weights_of(args[5])
  keep <- !is.na(d[[args[3]]]) & !is.na(d[[args[4]]]) & !is.na(wt)
  full <- unclass(xtabs(wt[keep] ~ ordered(d[[args[3]]][keep], args[3]) + ordered(d[[args[4]]][keep], args[4])))
  # Categories nobody chose (a level order lists them) leave the table and the tests: droplevels.
  er <- rownames(full)[rowSums(full) == 0]; ec <- colnames(full)[colSums(full) == 0]
  for (i in seq_along(er)) txt(sprintf("empty_rows.%d", i - 1), er[i])
  for (i in seq_along(ec)) txt(sprintf("empty_cols.%d", i - 1), ec[i])
  m <- full[rowSums(full) > 0, colSums(full) > 0, drop = FALSE]
  num("n", sum(m)); num("missing", sum(!keep)); num("rows_used", sum(keep)); num("rows_dropped", sum(!keep))
  for (i in seq_len(nrow(m))) txt(sprintf("rows.%d", i - 1), rownames(m)[i])
  for (j in seq_len(ncol(m))) txt(sprintf("cols.%d", j - 1), colnames(m)[j])
  warned <- FALSE
  x <- withCallingHandlers(chisq.test(m, correct = FALSE), warning = function(w) { warned <<- TRUE; invokeRestart("muffleWarning") })
  flag("small_expected", warned)
  matrix_out("counts", m); matrix_out("row_percents", 100 * prop.table(m, 1)); matrix_out("col_percents", 100 * prop.table(m, 2))
  matrix_out("expected", x$expected); matrix_out("std_residuals", x$stdres)
  test_out("chi_square", x)
  g <- 2 * sum(ifelse(m > 0, m * log(m / x$expected), 0))
  num("g_test.statistic", g); num("g_test.df", unname(x$parameter)); num("g_test.p", pchisq(g, x$parameter, lower.tail = FALSE))
  num("cramers_v", sqrt(unname(x$statistic) / (sum(m) * (min(dim(m)) - 1))))
  if (all(dim(m) == 2)) {
    test_out("chi_square_yates", suppressWarnings(chisq.test(m, correct = TRUE)))
    if (all(m > 0)) {
      or <- m[1, 1] * m[2, 2] / (m[1, 2] * m[2, 1]); se <- sqrt(sum(1 / m))
      num("odds_ratio.estimate", or); num("odds_ratio.ci.0", exp(log(or) - qnorm(0.975) * se)); num("odds_ratio.ci.1", exp(log(or) + qnorm(0.975) * se))
    }
    num("relative_risk", (m[1, 1] / sum(m[1, ])) / (m[2, 1] / sum(m[2, ])))
    if (all(m == round(m))) {
      f <- fisher.test(m)
      num("fisher_exact.p", f$p.value); num("fisher_exact.p_less", fisher.test(m, alternative = "less")$p.value)
      num("fisher_exact.p_greater", fisher.test(m, alternative = "greater")$p.value)
      num("fisher_exact.odds_ratio", unname(f$estimate)); num("fisher_exact.ci.0", f$conf.int[1]); num("fisher_exact.ci.1", f$conf.int[2])
    }
  }
} else if (kind == "logit") {
  # The exact profile-likelihood limits (what confint() interpolates): R's own profile walk (steps of
  # zmax/5 standard errors, at most nine, each glm.fit started from the previous linear predictor), then
  # uniroot on the signed root deviance inside the step that crosses the normal quantile. NA where
  # confint() has no limit because the walk never gets there.
  exact_profile <- function(fit, level = 0.95) {
    b <- coef(fit); nonA <- !is.na(b); X <- model.matrix(fit); y <- fit$y; w <- weights(fit, "prior")
    se <- sqrt(diag(vcov(fit)))
    D0 <- deviance(fit); q <- qnorm(1 - (1 - level) / 2); del <- sqrt(qchisq(1 - (1 - level) / 4, 1)) / 5
    ctl <- glm.control(epsilon = 1e-13, maxit = 100)
    out <- matrix(NA_real_, length(b), 2)
    for (i in which(nonA)) {
      a <- nonA; a[i] <- FALSE
      for (sgn in c(-1, 1)) {
        srd <- function(bi, start) {
          f <- suppressWarnings(glm.fit(X[, a, drop = FALSE], y, weights = w, etastart = start, offset = X[, i] * bi, family = binomial(), control = ctl))
          list(z = sgn * sqrt(max(f$deviance - D0, 0)), eta = f$linear.predictors)
        }
        inner <- b[i]; eta <- drop(X[, nonA, drop = FALSE] %*% b[nonA])
        for (step in 1:9) {
          bi <- b[i] + sgn * step * del * se[i]
          r <- srd(bi, eta)
          if (abs(r$z) >= q) {
            out[i, (sgn + 3) / 2] <- uniroot(function(t) srd(t, eta)$z - sgn * q, sort(c(inner, bi)), tol = 1e-14)$root
            break
          }
          inner <- bi; eta <- r$eta
        }
      }
    }
    out
  }
  outcome <- args[3]; predictors <- strsplit(args[4], ",")[[1]]
  w <- if (length(args) >= 5) args[5] else "-"
  vars <- c(outcome, predictors, if (w != "-") w)
  keep <- complete.cases(d[, vars, drop = FALSE])
  dd <- d[keep, , drop = FALSE]
  dd$.w <- if (w == "-") rep(1, nrow(dd)) else as.numeric(dd[[w]])
  for (p in c(outcome, predictors)) if (is.character(dd[[p]])) dd[[p]] <- factor(dd[[p]])
  for (r in args[-(1:5)]) { kv <- strsplit(r, "=", fixed = TRUE)[[1]]; dd[[kv[1]]] <- relevel(dd[[kv[1]]], ref = kv[2]) }
  non_integer <- FALSE
  fit <- withCallingHandlers(glm(reformulate(predictors, outcome), family = binomial(), data = dd, weights = .w),
    warning = function(w) if (grepl("non-integer #successes", conditionMessage(w), fixed = TRUE)) { non_integer <<- TRUE; invokeRestart("muffleWarning") })
  flag("non_integer", non_integer)
  num("n", sum(dd$.w)); num("missing", sum(!keep)); num("rows_used", sum(keep)); num("rows_dropped", sum(!keep))
  y <- dd[[outcome]]
  txt("success", if (is.factor(y)) levels(y)[2] else if (is.logical(y)) "TRUE" else "1")
  cf <- coef(fit); s <- coef(summary(fit)); z <- qnorm(0.975)
  # confint() itself, on the odds-ratio scale: "~" keys, compared at the precision of R's interpolation.
  # confint() where the exact profile has both limits: where it has none (a flat likelihood, as under
  # separation) confint()'s figures extrapolate its spline and mean nothing.
  profile_ci <- exp(exact_profile(fit))
  r_ci <- exp(suppressWarnings(suppressMessages(confint(fit))))
  for (i in seq_along(cf)) {
    key <- sprintf("coefficients.%d.", i - 1); term <- names(cf)[i]
    txt(paste0(key, "term"), term)
    row <- if (is.na(cf[i])) rep(NA, 4) else s[term, ]
    num(paste0(key, "estimate"), row[1]); num(paste0(key, "se"), row[2]); num(paste0(key, "z"), row[3]); num(paste0(key, "p"), row[4])
    num(paste0(key, "odds_ratio"), exp(row[1])); num(paste0(key, "ci.0"), exp(row[1] - z * row[2])); num(paste0(key, "ci.1"), exp(row[1] + z * row[2]))
    num(paste0(key, "ci_profile.0"), profile_ci[i, 1]); num(paste0(key, "ci_profile.1"), profile_ci[i, 2])
    if (!anyNA(profile_ci[i, ])) { num(paste0("~", key, "ci_profile.0"), r_ci[i, 1]); num(paste0("~", key, "ci_profile.1"), r_ci[i, 2]) }
  }
  flag("aliased", any(is.na(cf)))
  num("deviance", deviance(fit)); num("null_deviance", fit$null.deviance); num("aic", fit$aic); num("iterations", fit$iter)
} else if (kind == "describe") {
  x <- d[[args[3]]]; v <- x[!is.na(x)]
  q <- quantile(v, c(0, 0.25, 0.5, 0.75, 1), names = FALSE)
  num("n", length(v)); num("missing", sum(is.na(x))); num("mean", mean(v)); num("sd", sd(v))
  num("min", q[1]); num("q1", q[2]); num("median", q[3]); num("q3", q[4]); num("max", q[5])
  h <- hist(v, plot = FALSE)
  for (i in seq_along(h$breaks)) num(sprintf("histogram.breaks.%d", i - 1), h$breaks[i])
  for (i in seq_along(h$counts)) num(sprintf("histogram.counts.%d", i - 1), h$counts[i])
} else {
  stop("unknown kind ", kind)
}
