-- An account whose password an administrator reset must choose a new one at its next sign-in.
ALTER TABLE app_user ADD COLUMN must_change BIGINT NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));
