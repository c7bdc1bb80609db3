-- Coarse, aggregated counters: a name, a UTC day, a small dimension (e.g. language) and a number.
-- Nothing here can identify a person: no address, no agent, no time finer than a day.
CREATE TABLE counters (
    name      TEXT   NOT NULL,
    day       DATE   NOT NULL,
    dimension TEXT   NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (name, day, dimension)
);
