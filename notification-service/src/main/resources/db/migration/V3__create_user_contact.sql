-- Where to reach a user outside the app, until a user directory exists. Maintained by an admin
-- through PUT /contacts/{userId}; timezone is stored for quiet hours (not used yet).
CREATE TABLE user_contact (
    user_id    TEXT        PRIMARY KEY,
    email      TEXT,
    phone      TEXT,
    timezone   TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
