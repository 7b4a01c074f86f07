package org.attc.tracker.progress.internal;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysetPageTests {

	record Person(long id, String name) {
	}

	private static KeysetPage.Key byName(Person p) {
		return new KeysetPage.Key(p.name(), p.id(), null);
	}

	private static List<Person> people(int count) {
		List<Person> people = new ArrayList<>();
		for (int i = count; i > 0; i--) {
			// names repeat, so the id decides between equal names
			people.add(new Person(i, ((i % 2 == 0) ? "ann " : "Bob ") + (i % 7)));
		}
		return people;
	}

	@Test
	void pagesFollowEachOtherWithoutGapsOrRepeatsInKeyOrder() {
		List<Person> all = people(120);
		List<Person> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			KeysetPage<Person> page = KeysetPage.of(all, KeysetPageTests::byName, after, 50);
			assertThat(page.total()).isEqualTo(120);
			assertThat(page.items().size()).isLessThanOrEqualTo(50);
			seen.addAll(page.items());
			after = page.next();
			pages++;
		}
		while (after != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(120).doesNotHaveDuplicates();
		assertThat(seen.stream().map(KeysetPageTests::byName).toList()).isSorted();
	}

	@Test
	void theNextPageStartsAfterTheLastOneShownEvenWhenEarlierItemsAreGone() {
		List<Person> all = new ArrayList<>(people(120));
		KeysetPage<Person> first = KeysetPage.of(all, KeysetPageTests::byName, null, 50);
		Person lastShown = first.items().get(49);
		// someone on the first page leaves, and the last one shown too: an offset would
		// skip a person, the key does not
		all.remove(first.items().get(0));
		all.remove(lastShown);
		KeysetPage<Person> second = KeysetPage.of(all, KeysetPageTests::byName, first.next(), 50);
		KeysetPage<Person> expected = KeysetPage.of(people(120), KeysetPageTests::byName, first.next(), 50);
		assertThat(second.items()).isEqualTo(expected.items());
		assertThat(byName(second.items().get(0))).isGreaterThan(byName(lastShown));
	}

	@Test
	void aCursorThisListDidNotGiveNamesTheAfterField() {
		assertThatThrownBy(() -> KeysetPage.of(people(3), KeysetPageTests::byName, "not-a-cursor!", 50))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("after:");
	}

}
