# Sourced by the mariadb image's entrypoint when a Galera node's data directory is first
# made (compose profile "galera"): the account mariabackup state transfers log in as.
docker_process_sql <<SQL
CREATE USER IF NOT EXISTS 'mariabackup'@'localhost' IDENTIFIED BY '${MARIADB_SST_PASSWORD}';
GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'mariabackup'@'localhost';
SQL
