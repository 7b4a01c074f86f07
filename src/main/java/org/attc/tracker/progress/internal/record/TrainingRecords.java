package org.attc.tracker.progress.internal.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.crediting.EvidenceEntry;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.progress.internal.CapabilityCache;
import org.attc.tracker.progress.internal.CohortMatrix;
import org.attc.tracker.progress.internal.LearnerRecords;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.LearnerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues printable training records and verifies them. Each issue stores a snapshot
 * (name, time, capabilities as at issue, without evidence or any other personal data)
 * under the SHA-256 of a random 256-bit token; the verification link carries the token. A
 * token that is unknown, altered or malformed finds nothing.
 */
@Service
public class TrainingRecords {

	private static final SecureRandom random = new SecureRandom();

	// 32 bytes in unpadded base64url
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Attainments attainments;

	private final Learners learners;

	private final JdbcTemplate jdbc;

	private final CreditingRoutes routes;

	private final LearnerRecords records;

	private final CapabilityCache capabilities;

	TrainingRecords(Attainments attainments, Learners learners, JdbcTemplate jdbc, CreditingRoutes routes,
			LearnerRecords records, CapabilityCache capabilities) {
		this.attainments = attainments;
		this.learners = learners;
		this.jdbc = jdbc;
		this.routes = routes;
		this.records = records;
		this.capabilities = capabilities;
	}

	/** What the public verification page shows of an issued record. */
	public record Verified(String learnerName, Instant issuedAt, List<VerifiedCapability> capabilities) {
	}

	/** A capability as it stood when the record was issued. */
	public record VerifiedCapability(String code, String title, int tier, Instant expiresAt) {
	}

	/**
	 * Issues the learner's record now. The caller has already been allowed to see the
	 * learner.
	 * @param issuedBy the account that asked for it (audit)
	 */
	@Transactional
	public IssuedRecord issue(LearnerId learner, String issuedBy) {
		LearnerId current = this.learners.current(learner);
		// whole milliseconds: what the database keeps is what the PDF says
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Optional<LearnerProfile> profile = this.learners.profile(current);
		String name = profile.map(LearnerProfile::name)
			.filter((n) -> n != null && !n.isBlank())
			.orElse("Name not recorded");
		List<String> organisations = this.records
			.organisationNames(profile.map(LearnerProfile::organisationCodes).orElse(List.of()));
		List<String> jobRoles = jobRoles(profile.map(LearnerProfile::jobRoles).orElse(java.util.Set.of()));
		List<EvidenceEntry> evidence = this.attainments.evidence(current);
		Map<String, String> activityNames = this.routes
			.activityNames(evidence.stream().map(EvidenceEntry::activityId).filter(Objects::nonNull).toList());
		List<TrainingRecord.HeldCapability> held = new ArrayList<>();
		for (CapabilityAttainment attainment : this.attainments.forLearner(current, now)) {
			if (attainment.tier() == null || attainment.status() == AttainmentStatus.EXPIRED) {
				continue;
			}
			List<TrainingRecord.Evidence> behind = evidence.stream()
				.filter((e) -> e.capabilityIdentifier().equals(attainment.capabilityIdentifier()))
				.filter((e) -> e.expiresAt() == null || e.expiresAt().isAfter(now))
				.filter((e) -> !"attempt".equals(e.kind()))
				.map((e) -> new TrainingRecord.Evidence((e.activityId() != null)
						? activityNames.getOrDefault(e.activityId(), e.activityId()) : "Assessor sign-off",
						e.achievedAt(), e.score(), source(e)))
				.toList();
			held.add(new TrainingRecord.HeldCapability(
					(attainment.capabilityCode() != null) ? attainment.capabilityCode()
							: attainment.capabilityIdentifier(),
					(attainment.capabilityTitle() != null) ? attainment.capabilityTitle() : "", attainment.tier(),
					attainment.expiresAt(), behind));
		}
		// framework order, as the learner's page lists them: D2.10 after D2.9
		held.sort(Comparator.comparing(TrainingRecord.HeldCapability::code, CohortMatrix::naturalOrder));
		TrainingRecord record = new TrainingRecord(name, now, organisations, jobRoles, List.copyOf(held));
		String token = newToken();
		List<VerifiedCapability> snapshot = held.stream()
			.map((c) -> new VerifiedCapability(c.code(), c.title(), c.tier(), c.expiresAt()))
			.toList();
		this.jdbc.update(
				"INSERT INTO prog_training_record (token_hash, learner_id, learner_name, issued_at, issued_by, capabilities) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				hash(token), current.value(), name, Timestamp.from(now), issuedBy, json.writeValueAsString(snapshot));
		return new IssuedRecord(record, token);
	}

	/** The record issued with this token, if the token is exactly one that was issued. */
	@Transactional(readOnly = true)
	public Optional<Verified> verify(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		List<Verified> found = this.jdbc.query(
				"SELECT learner_name, issued_at, capabilities FROM prog_training_record WHERE token_hash = ?",
				(rs, n) -> new Verified(rs.getString(1), rs.getTimestamp(2).toInstant(),
						json.readValue(rs.getString(3), new TypeReference<List<VerifiedCapability>>() {
						})),
				hash(token));
		return found.stream().findFirst();
	}

	/** Job role codes by their role profiles' names: "Research nurse (RN)". */
	private List<String> jobRoles(java.util.Set<String> codes) {
		Map<String, String> names = new java.util.HashMap<>();
		this.capabilities.roleProfiles(codes).forEach((p) -> names.putIfAbsent(p.code(), p.name()));
		return codes.stream()
			.sorted()
			.map((c) -> (names.get(c) != null && !names.get(c).equals(c)) ? names.get(c) + " (" + c + ")" : c)
			.toList();
	}

	/** Where a piece of evidence came from, in words: no statement ids on paper. */
	private static String source(EvidenceEntry evidence) {
		if ("sign_off".equals(evidence.kind())) {
			return "Signed off by " + evidence.source().substring("sign-off by ".length());
		}
		return "Learning record (xAPI statement)";
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
