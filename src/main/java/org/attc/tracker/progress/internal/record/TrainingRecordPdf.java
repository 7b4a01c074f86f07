package org.attc.tracker.progress.internal.record;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.lowagie.text.Anchor;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Lays out a training record as an A4 PDF: the learner, the issue date, each held
 * capability with tier and expiry and the evidence behind it, and the verification link.
 */
final class TrainingRecordPdf {

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
		.withZone(ZoneId.of("Europe/London"));

	private static final Color NHS_BLUE = new Color(0x00, 0x5E, 0xB8);

	private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD, NHS_BLUE);

	private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);

	private static final Font BODY = new Font(Font.HELVETICA, 10);

	private static final Font SMALL = new Font(Font.HELVETICA, 8);

	private static final Font SMALL_BOLD = new Font(Font.HELVETICA, 8, Font.BOLD);

	private static final Font LINK = new Font(Font.HELVETICA, 9, Font.UNDERLINE, NHS_BLUE);

	private TrainingRecordPdf() {
	}

	static byte[] render(TrainingRecord record, String verificationUrl) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 48, 48, 48, 48);
		PdfWriter.getInstance(document, out);
		document.addTitle("Training record: " + record.learnerName());
		document.addCreator("ATTC Capability Tracker");
		document.open();

		document.add(new Paragraph("Training record", TITLE));
		document.add(new Paragraph("Advanced Therapy Clinical Trials Capability Framework", BODY));
		Paragraph who = new Paragraph();
		who.setSpacingBefore(10);
		who.add(new Chunk("Learner: ", HEADING));
		who.add(new Chunk(record.learnerName(), HEADING));
		document.add(who);
		document.add(new Paragraph("Organisation: "
				+ (record.organisations().isEmpty() ? "None recorded" : String.join(", ", record.organisations())),
				BODY));
		document.add(new Paragraph(
				"Job role: " + (record.jobRoles().isEmpty() ? "None recorded" : String.join(", ", record.jobRoles())),
				BODY));
		document.add(new Paragraph("Issued " + day(record.issuedAt()) + " by the ATTC Capability Tracker", BODY));

		Paragraph verify = new Paragraph();
		verify.setSpacingBefore(6);
		verify.add(new Chunk("Check this record is genuine at: ", BODY));
		Anchor link = new Anchor(verificationUrl, LINK);
		link.setReference(verificationUrl);
		verify.add(link);
		document.add(verify);

		Paragraph heading = new Paragraph("Capabilities held (" + record.capabilities().size() + ")", HEADING);
		heading.setSpacingBefore(14);
		heading.setSpacingAfter(6);
		document.add(heading);
		if (record.capabilities().isEmpty()) {
			document.add(new Paragraph("No capabilities are held at the date of issue.", BODY));
		}
		for (TrainingRecord.HeldCapability capability : record.capabilities()) {
			document.add(capabilityTable(capability));
		}
		document.close();
		return out.toByteArray();
	}

	private static PdfPTable capabilityTable(TrainingRecord.HeldCapability capability) {
		PdfPTable table = new PdfPTable(new float[] { 46, 16, 12, 26 });
		table.setWidthPercentage(100);
		table.setSpacingAfter(8);
		table.setKeepTogether(true);
		PdfPCell title = new PdfPCell(new Phrase(capability.code() + "  " + capability.title(), HEADING));
		title.setColspan(2);
		title.setBackgroundColor(new Color(0xE8, 0xED, 0xEE));
		title.setPadding(4);
		table.addCell(title);
		table.addCell(shaded("Tier " + capability.tier()));
		table.addCell(shaded(
				(capability.expiresAt() != null) ? "Expires " + day(capability.expiresAt()) : "Does not expire"));
		for (String header : new String[] { "Evidence: activity", "Date", "Score", "Source" }) {
			PdfPCell cell = new PdfPCell(new Phrase(header, SMALL_BOLD));
			cell.setPadding(3);
			table.addCell(cell);
		}
		table.setHeaderRows(0);
		for (TrainingRecord.Evidence evidence : capability.evidence()) {
			table.addCell(cell(evidence.activity()));
			table.addCell(cell(day(evidence.achievedAt())));
			table.addCell(cell((evidence.score() != null) ? Math.round(evidence.score() * 100) + "%" : "–"));
			table.addCell(cell(evidence.source()));
		}
		return table;
	}

	private static PdfPCell shaded(String text) {
		PdfPCell cell = new PdfPCell(new Phrase(text, BODY));
		cell.setBackgroundColor(new Color(0xE8, 0xED, 0xEE));
		cell.setPadding(4);
		cell.setHorizontalAlignment(Element.ALIGN_LEFT);
		return cell;
	}

	private static PdfPCell cell(String text) {
		PdfPCell cell = new PdfPCell(new Phrase((text != null) ? text : "", SMALL));
		cell.setPadding(3);
		return cell;
	}

	static String day(Instant instant) {
		return (instant != null) ? DAY.format(instant) : "";
	}

}
