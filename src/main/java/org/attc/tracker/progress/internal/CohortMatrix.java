package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** Learners × capabilities, one status per cell. */
@Service
public class CohortMatrix {

	private final Cohort cohort;

	private final CohortAttainments attainments;

	CohortMatrix(Cohort cohort, CohortAttainments attainments) {
		this.cohort = cohort;
		this.attainments = attainments;
	}

	/**
	 * @param rows every row, or one page of them ({@link #page})
	 * @param total how many rows match; null when not counted (a page filtered by status
	 * that the list continues beyond: counting would read every learner's attainment)
	 * @param next the {@code after} of the next page; null on the last (or when not
	 * paged)
	 */
	public record Matrix(CohortFilter filter, MatrixSort sort, List<Column> columns, List<Row> rows, Integer total,
			String next, Instant generatedAt) {
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
	// a national page has thousands of cells: those left empty are left out of JSON
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Cell(StatusDisplay status, Integer tier, Integer requiredTier, Instant expiresAt) {
	}

	public Matrix of(Authentication caller, CohortFilter filter) {
		return of(caller, filter, MatrixSort.NAME);
	}

	public Matrix of(Authentication caller, CohortFilter filter, MatrixSort sort) {
		return matrix(this.cohort.of(caller, filter), filter, sort);
	}

	/**
	 * The page after {@code after} (null: the first) of the matrix, with attainment read
	 * for the page's learners only: the page is chosen by the sort's key before, from the
	 * learners' names and organisations, or for "furthest behind first" from the tiers
	 * they hold (one narrow read, as the programme summary counts). Filtered by status,
	 * learners are read in the sort's order a hundred at a time until the page is full;
	 * then {@code total} is counted only when the list ended within the page.
	 */
	public Matrix page(Authentication caller, CohortFilter filter, MatrixSort sort, String after) {
		List<List<LearnerProfile>> matching = new ArrayList<>();
		Cohort.Snapshot snapshot = this.cohort.of(caller, filter, (learners) -> {
			matching.add(learners);
			return List.of();
		});
		List<Column> columns = columns(snapshot, filter);
		List<LearnerProfile> learners = matching.get(0);
		Map<Long, Map<String, Integer>> held = (sort == MatrixSort.BEHIND)
				? this.attainments.heldTiers(learners.stream().map((l) -> l.id().value()).toList(),
						this.cohort.wholeNetwork(caller, filter), snapshot.now())
				: Map.of();
		// rows without cells, carrying what the sort's key reads
		Map<Long, LearnerProfile> profiles = new HashMap<>();
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		List<Row> keys = new ArrayList<>();
		for (LearnerProfile learner : learners) {
			profiles.put(learner.id().value(), learner);
			int met = 0;
			int required = 0;
			if (sort == MatrixSort.BEHIND) {
				Map<String, Integer> asked = requiredByRoles.computeIfAbsent(Set.copyOf(learner.jobRoles()),
						this.attainments::requiredTiers);
				Map<String, Integer> mine = held.getOrDefault(learner.id().value(), Map.of());
				for (Column column : columns) {
					Integer tier = asked.get(column.identifier());
					if (tier != null) {
						required++;
						Integer holds = mine.get(column.identifier());
						met += (holds != null && holds >= tier) ? 1 : 0;
					}
				}
			}
			keys.add(new Row(learner.id().value(), Cohort.displayName(learner), learner.organisationCodes(), List.of(),
					List.of(), met, required));
		}
		if (filter.status() == null) {
			KeysetPage<Row> page = KeysetPage.of(keys, sort::key, after, KeysetPage.SIZE);
			List<Row> rows = rows(page.items(), profiles, columns, filter, snapshot.now());
			return new Matrix(filter, sort, columns, rows, page.total(), page.next(), snapshot.now());
		}
		keys = KeysetPage.sorted(keys, sort::key);
		KeysetPage.Key from = (after == null || after.isBlank()) ? null : KeysetPage.Key.of(after);
		List<Row> rest = keys.stream().filter((k) -> from == null || sort.key(k).compareTo(from) > 0).toList();
		List<Row> found = new ArrayList<>();
		int read = 0;
		while (read < rest.size() && found.size() <= KeysetPage.SIZE) {
			List<Row> chunk = rest.subList(read, Math.min(rest.size(), read + 100));
			read += chunk.size();
			found.addAll(rows(chunk, profiles, columns, filter, snapshot.now()));
		}
		boolean more = found.size() > KeysetPage.SIZE;
		List<Row> rows = more ? List.copyOf(found.subList(0, KeysetPage.SIZE)) : found;
		String next = more ? sort.key(rows.get(rows.size() - 1)).cursor() : null;
		Integer total = (from == null && !more) ? rows.size() : null;
		return new Matrix(filter, sort, columns, rows, total, next, snapshot.now());
	}

	/**
	 * The rows of these learners (rows carrying the sort's key), in the same order, with
	 * their cells; those the status filter leaves out are left out.
	 */
	private List<Row> rows(List<Row> keys, Map<Long, LearnerProfile> profiles, List<Column> columns,
			CohortFilter filter, Instant now) {
		Map<Long, Cohort.Member> members = new HashMap<>();
		this.cohort.members(keys.stream().map((k) -> profiles.get(k.learnerId())).toList(), now)
			.forEach((m) -> members.put(m.learner().id().value(), m));
		List<Row> rows = new ArrayList<>();
		for (Row key : keys) {
			Row row = row(members.get(key.learnerId()), columns, filter);
			if (row != null) {
				rows.add(row);
			}
		}
		return rows;
	}

	private Matrix matrix(Cohort.Snapshot snapshot, CohortFilter filter, MatrixSort sort) {
		List<Column> ordered = columns(snapshot, filter);
		List<Row> rows = new ArrayList<>();
		for (Cohort.Member member : snapshot.members()) {
			Row row = row(member, ordered, filter);
			if (row != null) {
				rows.add(row);
			}
		}
		return new Matrix(filter, sort, ordered, KeysetPage.sorted(rows, sort::key), rows.size(), null, snapshot.now());
	}

	/** The columns of every learner that passed the filter, not only of a page's. */
	private List<Column> columns(Cohort.Snapshot snapshot, CohortFilter filter) {
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
		return ordered;
	}

	/** A member's row, or null when the status filter leaves them out. */
	private static Row row(Cohort.Member member, List<Column> columns, CohortFilter filter) {
		List<Cell> cells = new ArrayList<>();
		int met = 0;
		int required = 0;
		boolean matches = filter.status() == null;
		for (Column column : columns) {
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
		if (!matches) {
			return null;
		}
		return new Row(member.learner().id().value(), member.displayName(), member.learner().organisationCodes(),
				member.learner().jobRoles().stream().sorted().toList(), cells, met, required);
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
