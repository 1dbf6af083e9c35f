CREATE TABLE half (id INT);
INSERT INTO no_such_table VALUES (1);
