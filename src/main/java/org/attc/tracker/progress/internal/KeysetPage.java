package org.attc.tracker.progress.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list in a stable order, continued after the key of the last item shown
 * (keyset pagination): the next page is the same whatever was added or removed before it,
 * which an offset would not be.
 *
 * @param items the page's items
 * @param total how many the whole list has
 * @param next the cursor for the next page ({@code after}); null on the last page
 * @param size the most a page holds
 */
public record KeysetPage<T>(List<T> items, int total, String next, int size) {

	/** The page size of every paginated progress list. */
	public static final int SIZE = 50;

	/**
	 * Where an item sorts: by text (case-insensitive, then exactly), then id, then tail.
	 * Each list builds its key from what it is ordered by, so order and cursor are one
	 * rule.
	 */
	public record Key(String text, long id, String tail) implements Comparable<Key> {

		private static final Comparator<Key> ORDER = Comparator.comparing(Key::text, String.CASE_INSENSITIVE_ORDER)
			.thenComparing(Key::text)
			.thenComparingLong(Key::id)
			.thenComparing(Key::tail);

		public Key {
			text = (text != null) ? text : "";
			tail = (tail != null) ? tail : "";
		}

		@Override
		public int compareTo(Key other) {
			return ORDER.compare(this, other);
		}

		String cursor() {
			String raw = this.text + '\n' + this.id + '\n' + this.tail;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @throws IllegalArgumentException naming {@code after} when it is not a cursor
		 * this list gave
		 */
		static Key of(String cursor) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
				String[] parts = raw.split("\n", -1);
				if (parts.length != 3) {
					throw new IllegalArgumentException();
				}
				return new Key(parts[0], Long.parseLong(parts[1]), parts[2]);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("after: not a page of this list; start again from the first page");
			}
		}

	}

	/**
	 * The page after {@code after} (the first page when null or blank) of the items in
	 * key order.
	 */
	public static <T> KeysetPage<T> of(List<T> items, Function<T, Key> key, String after, int size) {
		Key from = (after == null || after.isBlank()) ? null : Key.of(after);
		List<T> page = new ArrayList<>();
		Key last = null;
		boolean more = false;
		for (Keyed<T> keyed : keyed(items, key)) {
			T item = keyed.item();
			Key k = keyed.key();
			if (from != null && k.compareTo(from) <= 0) {
				continue;
			}
			if (page.size() == size) {
				more = true;
				break;
			}
			page.add(item);
			last = k;
		}
		return new KeysetPage<>(page, items.size(), (more && last != null) ? last.cursor() : null, size);
	}

	/**
	 * The items in key order, each key built once: a national list sorts tens of
	 * thousands, and a key built per comparison (a formatted date, say) cost more than
	 * the rest of the request.
	 */
	public static <T> List<T> sorted(List<T> items, Function<T, Key> key) {
		return keyed(items, key).stream().map(Keyed::item).toList();
	}

	private static <T> List<Keyed<T>> keyed(List<T> items, Function<T, Key> key) {
		List<Keyed<T>> keyed = new ArrayList<>(items.size());
		for (T item : items) {
			keyed.add(new Keyed<>(item, key.apply(item)));
		}
		keyed.sort(Comparator.comparing(Keyed::key));
		return keyed;
	}

	private record Keyed<T>(T item, Key key) {
	}

}
