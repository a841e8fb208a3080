-- Anonymous posts: a group may allow them, and a thread or reply posted anonymously
-- shows "Anonymous member" to everyone but its author, the group's owners and
-- moderators, and community admins. A notification about an anonymous reply keeps no
-- actor (only that there was one), so nothing a member reads or exports links back.
-- Kept in lockstep with migrations/postgres/0025_anonymous_posts.sql.

ALTER TABLE groups ADD COLUMN allow_anonymous_posts BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE threads ADD COLUMN anonymous BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE replies ADD COLUMN anonymous BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE notifications ADD COLUMN actor_anonymous BOOLEAN NOT NULL DEFAULT FALSE;
