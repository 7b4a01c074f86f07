package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** Learners × capabilities, one status per cell. */
@Service
public class CohortMatrix {

	private final Cohort cohort;

	CohortMatrix(Cohort cohort) {
		this.cohort = cohort;
	}

	/**
	 * @param rows every row, or one page of them ({@link #page})
	 * @param total how many rows match
	 * @param next the {@code after} of the next page; null on the last (or when not
	 * paged)
	 */
	public record Matrix(CohortFilter filter, MatrixSort sort, List<Column> columns, List<Row> rows, int total,
			String next, Instant generatedAt) {

		/**
		 * The page of rows after {@code after} (null: the first), in the sort's order.
		 */
		public Matrix page(String after) {
			KeysetPage<Row> page = KeysetPage.of(this.rows, this.sort::key, after, KeysetPage.SIZE);
			return new Matrix(this.filter, this.sort, this.columns, page.items(), this.rows.size(), page.next(),
					this.generatedAt);
		}

	}

	public record Column(String identifier, String code, String title, String domain) {
	}

	public record Row(long learnerId, String name, List<String> organisations, List<String> jobRoles, List<Cell> cells,
			int met, int required) {
	}

	/**
	 * @param status status words and icon
	 * @param tier held tier rank
	 * @param requiredTier tier rank asked; null when the learner's roles do not ask
	 * @param expiresAt when it stops counting
	 */
	public record Cell(StatusDisplay status, Integer tier, Integer requiredTier, Instant expiresAt) {
	}

	public Matrix of(Authentication caller, CohortFilter filter) {
		return of(caller, filter, MatrixSort.NAME);
	}

	public Matrix of(Authentication caller, CohortFilter filter, MatrixSort sort) {
		return matrix(this.cohort.of(caller, filter), filter, sort);
	}

	/**
	 * The page after {@code after} (null: the first) of the matrix. By name and with no
	 * status asked, the page is chosen from the learners' names before any attainment is
	 * read, so a page costs its 50 learners, not the cohort.
	 */
	public Matrix page(Authentication caller, CohortFilter filter, MatrixSort sort, String after) {
		if (sort != MatrixSort.NAME || filter.status() != null) {
			return of(caller, filter, sort).page(after);
		}
		String[] next = new String[1];
		Cohort.Snapshot snapshot = this.cohort.of(caller, filter, (learners) -> {
			KeysetPage<LearnerProfile> page = KeysetPage.of(learners,
					(l) -> new KeysetPage.Key(Cohort.displayName(l), l.id().value(), null), after, KeysetPage.SIZE);
			next[0] = page.next();
			return page.items();
		});
		Matrix matrix = matrix(snapshot, filter, sort);
		return new Matrix(filter, sort, matrix.columns(), matrix.rows(), snapshot.matching(), next[0], snapshot.now());
	}

	private Matrix matrix(Cohort.Snapshot snapshot, CohortFilter filter, MatrixSort sort) {
		// the columns of every learner that passed the filter, not only of a page's
		Set<String> roles = new TreeSet<>();
		if (filter.role() != null) {
			roles.add(filter.role());
		}
		else {
			roles.addAll(snapshot.jobRoles());
		}
		Map<String, Column> columns = new LinkedHashMap<>();
		for (RoleProfile profile : this.cohort.roleProfiles(roles)) {
			if (!snapshot.counts(profile)) {
				continue;
			}
			for (RoleProfile.Requirement r : profile.requirements()) {
				String id = r.capabilityIdentifier();
				columns.computeIfAbsent(id, (c) -> new Column(id, snapshot.capabilities().code(id),
						snapshot.capabilities().title(id), snapshot.capabilities().domain(id)));
			}
		}
		List<Column> ordered = new ArrayList<>(columns.values());
		ordered.sort(Comparator.comparing(Column::code, CohortMatrix::naturalOrder));
		List<Row> rows = new ArrayList<>();
		for (Cohort.Member member : snapshot.members()) {
			List<Cell> cells = new ArrayList<>();
			int met = 0;
			int required = 0;
			boolean matches = filter.status() == null;
			for (Column column : ordered) {
				CapabilityAttainment a = member.attainment().get(column.identifier());
				Cell cell = (a == null) ? new Cell(StatusDisplay.NOT_REQUIRED, null, null, null)
						: new Cell(StatusDisplay.of(a.status()), a.tier(), a.requiredTier(), a.expiresAt());
				if (a != null && a.requiredTier() != null) {
					required++;
					if (StatusDisplay.held(a.status())) {
						met++;
					}
				}
				if (a != null && a.status() == filter.status()) {
					matches = true;
				}
				cells.add(cell);
			}
			if (matches) {
				rows.add(new Row(member.learner().id().value(), member.displayName(),
						member.learner().organisationCodes(), member.learner().jobRoles().stream().sorted().toList(),
						cells, met, required));
			}
		}
		rows.sort(sort.order());
		return new Matrix(filter, sort, ordered, rows, rows.size(), null, snapshot.now());
	}

	/** D2.10 after D2.9: numbers inside codes compare as numbers. */
	public static int naturalOrder(String a, String b) {
		String[] pa = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
		String[] pb = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
		for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
			int c = (Character.isDigit(pa[i].charAt(0)) && Character.isDigit(pb[i].charAt(0)))
					? Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i])) : pa[i].compareTo(pb[i]);
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(pa.length, pb.length);
	}

}
