-- Two reads of every learner's standings, for national views (an administrator or programme
-- lead asking for no organisation), each through its own index instead of a pass over the whole
-- table (measured at the national benchmark's size, 285,404 standing rows: docs/progress.md).

-- The tier each learner holds now: the periods that have not ended (next_change_at NULL or
-- later), read from the index alone (it carries the primary key: learner, capability, period).
-- About a quarter of the time of the pass over the table.
CREATE INDEX ix_cred_standing_current ON cred_standing (next_change_at, tier_rank, valid_from);

-- The standings that have run out by now: EXPIRED periods that have begun (each achieved
-- standing also holds the EXPIRED period it will enter, starting in the future). About 3 % of
-- the rows.
CREATE INDEX ix_cred_standing_status ON cred_standing (status, valid_from);
