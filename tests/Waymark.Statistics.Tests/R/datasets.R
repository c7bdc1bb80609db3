# Writes R's own data sets as CSV files for the logistic-regression checks against glm() and confint()
# (LogisticDatasetTests): one row per observation, outcomes in the forms R accepts (0/1, TRUE/FALSE, a
# two-level factor). The data come with R ("datasets", GPL-2 | GPL-3) and with the recommended package
# MASS (GPL-2 | GPL-3); they are written during the test, nothing is copied into the repository.
#   Rscript --vanilla datasets.R FOLDER
folder <- commandArgs(trailingOnly = TRUE)[1]
out <- function(d, name) write.csv(d, file.path(folder, paste0(name, ".csv")), row.names = FALSE)
# Motor Trend cars: automatic (0) or manual (1) transmission by weight and horsepower.
out(mtcars[, c("am", "wt", "hp")], "mtcars")
# Infertility after spontaneous and induced abortion (case-control), education as a factor.
out(infert[, c("case", "age", "parity", "education", "spontaneous", "induced")], "infert")
# Oesophageal cancer case-control study, one row per person (the cases and controls of each group).
e <- esoph[rep(seq_len(nrow(esoph)), esoph$ncases + esoph$ncontrols), c("agegp", "alcgp", "tobgp")]
e$case <- unlist(lapply(seq_len(nrow(esoph)), function(i) rep(c(1, 0), c(esoph$ncases[i], esoph$ncontrols[i]))))
out(data.frame(lapply(e, function(x) if (is.factor(x)) as.character(x) else x)), "esoph")
# Guinea pigs' tooth growth, dichotomised at the median: a logical outcome.
out(data.frame(long = ToothGrowth$len > median(ToothGrowth$len), supp = ToothGrowth$supp, dose = ToothGrowth$dose), "toothgrowth")
# UC Berkeley admissions 1973, one row per applicant: a two-level factor outcome (Admitted, Rejected).
u <- as.data.frame(UCBAdmissions)
u <- u[rep(seq_len(nrow(u)), u$Freq), c("Admit", "Gender", "Dept")]
out(data.frame(lapply(u, as.character)), "ucb")
if (requireNamespace("MASS", quietly = TRUE)) {
  b <- MASS::birthwt
  b$race <- c("white", "black", "other")[b$race]
  # Low birth weight; the second file weights each birth by its weight in kg, so the weights are not
  # whole numbers (R's AIC rule and its "non-integer #successes" warning).
  out(b[, c("low", "age", "lwt", "race", "smoke", "ptl", "ht", "ui")], "birthwt")
  b$kg <- b$bwt / 1000
  out(b[, c("low", "age", "lwt", "race", "smoke", "kg")], "birthwt-weighted")
  # Diabetes in Pima women (training set): a No/Yes factor outcome.
  out(MASS::Pima.tr, "pima")
}
