-- The app's own migration. Were ALMA to apply it to its database, its own first migration would
-- then fail on the table this one takes.
CREATE TABLE "app_widgets" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE TABLE "alma_heuristics" ("taken_by_the_app" INTEGER);
