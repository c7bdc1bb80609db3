# Helper of bench/stats-vs-r.sh: generates the benchmark CSV, and times R on it.
#   Rscript stats-vs-r.R generate DATA.csv ROWS
#   Rscript stats-vs-r.R crosstab DATA.csv    -> "read=SECONDS compute=SECONDS"
#   Rscript stats-vs-r.R logit DATA.csv       -> "read=SECONDS compute=SECONDS"
#   Rscript stats-vs-r.R read DATA.csv        -> "read=SECONDS compute=0" (read.csv alone: bench/csv-read-vs.sh)
args <- commandArgs(trailingOnly = TRUE)
kind <- args[1]; path <- args[2]
if (kind == "generate") {
  set.seed(20261127); n <- as.integer(args[3])
  d <- data.frame(r = sample(c("A", "B", "C", "D", "E"), n, replace = TRUE, prob = c(5, 4, 3, 2, 1)))
  d$c <- ifelse(runif(n) < 0.3, c(A = "w", B = "x", C = "y", D = "z", E = "w")[d$r], sample(c("w", "x", "y", "z"), n, replace = TRUE))
  for (j in 1:8) d[[paste0("x", j)]] <- round(rnorm(n), 4)
  d$g1 <- sample(c("north", "south", "east", "west"), n, replace = TRUE)
  d$g2 <- sample(c("low", "mid", "high"), n, replace = TRUE, prob = c(2, 2, 1))
  eta <- -0.5 + 0.4 * d$x1 - 0.3 * d$x2 + 0.2 * d$x3 + 0.1 * d$x4 + 0.3 * (d$g1 == "west") - 0.2 * (d$g2 == "high")
  d$y <- as.integer(runif(n) < plogis(eta))
  write.csv(d, path, row.names = FALSE)
  quit(save = "no")
}
t0 <- proc.time()[["elapsed"]]
d <- read.csv(path)
t1 <- proc.time()[["elapsed"]]
if (kind == "read") {
  cat(sprintf("read=%.3f compute=0\n", t1 - t0))
  quit(save = "no")
}
if (kind == "crosstab") {
  x <- chisq.test(table(d$r, d$c))
  invisible(x$stdres)
} else {
  m <- glm(y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + g1 + g2, family = binomial(), data = d)
  invisible(coef(summary(m)))
}
t2 <- proc.time()[["elapsed"]]
cat(sprintf("read=%.3f compute=%.3f\n", t1 - t0, t2 - t1))
