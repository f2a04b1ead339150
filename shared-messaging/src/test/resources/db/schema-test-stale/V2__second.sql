CREATE TABLE second (id bigint PRIMARY KEY);
