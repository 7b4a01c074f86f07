package org.attc.tracker.crediting.internal.standing;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The tier one learner holds per capability, as read: a dozen entries in two arrays,
 * looked up by a linear scan. Read-only to callers; for ten thousand learners at once it
 * costs a fraction of a hash map each.
 */
final class TierMap extends AbstractMap<String, Integer> {

	private String[] capabilities = new String[8];

	private int[] tiers = new int[8];

	private int size;

	/**
	 * Adds a capability not yet in the map (a standing read has one row per capability).
	 */
	void add(String capability, int tier) {
		if (this.size == this.capabilities.length) {
			this.capabilities = Arrays.copyOf(this.capabilities, this.size * 2);
			this.tiers = Arrays.copyOf(this.tiers, this.size * 2);
		}
		this.capabilities[this.size] = capability;
		this.tiers[this.size] = tier;
		this.size++;
	}

	@Override
	public Integer get(Object key) {
		for (int i = 0; i < this.size; i++) {
			if (this.capabilities[i].equals(key)) {
				return this.tiers[i];
			}
		}
		return null;
	}

	@Override
	public boolean containsKey(Object key) {
		return get(key) != null;
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public Set<Entry<String, Integer>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, Integer>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < TierMap.this.size;
					}

					@Override
					public Entry<String, Integer> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int i = this.next++;
						return Map.entry(TierMap.this.capabilities[i], TierMap.this.tiers[i]);
					}

				};
			}

			@Override
			public int size() {
				return TierMap.this.size;
			}

		};
	}

}
