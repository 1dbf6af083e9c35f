CREATE TABLE kept (id INT);
