-- Calibrated pair probabilities (issue 15, item 4): record_pair.match_probability
-- becomes the calibrated probability (tally.link.calibration: of the pairs at 0.7,
-- seven in ten are one person), which Estimate II draws clusterings from and the
-- review pages show; model_probability keeps the model's own, which clustering
-- and the review band use. NULL for runs before this column existed (their
-- match_probability is the model's).

ALTER TABLE record_pair ADD COLUMN model_probability DOUBLE;
