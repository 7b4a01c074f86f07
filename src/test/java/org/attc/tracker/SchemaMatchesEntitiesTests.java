package org.attc.tracker;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The migrations alone build the schema the code expects. This context starts its own
 * embedded MariaDB on a data directory wiped first (never an external database, whatever
 * the environment says), so Flyway migrates an empty database; then Hibernate compares
 * every entity with the tables it made, and every table must have a primary key (Galera
 * replicates only tables that have one, and a table without one cannot be made consistent
 * across nodes).
 */
@SpringBootTest(properties = { "spring.datasource.url=", "app.database.embedded.enabled=true",
		"app.database.embedded.data-dir=target/schema-check-mariadb", "app.database.embedded.fresh=true",
		"spring.jpa.hibernate.ddl-auto=validate" })
class SchemaMatchesEntitiesTests {

	@Autowired
	Flyway flyway;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyMigrationRanOnTheEmptyDatabase() {
		MigrationInfo[] all = this.flyway.info().all();
		List<String> notApplied = Arrays.stream(all)
			.filter((migration) -> migration.getState() != MigrationState.SUCCESS)
			.map((migration) -> migration.getVersion() + " " + migration.getDescription() + ": " + migration.getState())
			.toList();
		assertThat(notApplied).isEmpty();
		assertThat(this.flyway.info().applied()).hasSameSizeAs(all).isNotEmpty();
	}

	@Test
	void migrationsAreOneSequenceWithoutGapsAppliedInOrder() {
		// a fresh and an upgraded database must run the same migrations in the same order
		assertThat(this.flyway.getConfiguration().isOutOfOrder()).isFalse();
		List<String> versions = Arrays.stream(this.flyway.info().all())
			.map((migration) -> migration.getVersion().getVersion())
			.toList();
		List<String> expected = java.util.stream.IntStream.rangeClosed(1, versions.size())
			.mapToObj(String::valueOf)
			.toList();
		assertThat(versions).containsExactlyElementsOf(expected);
	}

	@Test
	void theEntitiesMatchTheMigratedTables() {
		// JPA 3.2: Hibernate's schema validation (table, column and type of every mapped
		// attribute) against this database
		assertThatNoException().isThrownBy(() -> this.entityManagerFactory.getSchemaManager().validate());
	}

	@Test
	void everyTableHasAPrimaryKey() {
		List<String> withoutPrimaryKey = this.jdbc.queryForList("""
				select t.table_name from information_schema.tables t
				where t.table_schema = database() and t.table_type = 'BASE TABLE'
				and not exists (select 1 from information_schema.table_constraints c
				  where c.table_schema = t.table_schema and c.table_name = t.table_name
				  and c.constraint_type = 'PRIMARY KEY')
				order by t.table_name""", String.class);
		assertThat(withoutPrimaryKey).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from information_schema.tables where table_schema = database()", Integer.class))
			.as("tables in the migrated schema")
			.isGreaterThan(20);
	}

}
