package dev.ganboard.protocol.ingest;

import java.util.Arrays;

/**
 * The distinct keys of one batch, looked up straight from the parser's character buffer: a batch repeats a few keys
 * thousands of times, so a key becomes a String once, not once per point.
 */
final class KeyTable {
    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private int count;
    private int[] slots = filled(32);

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    int indexOf(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[offset + i];
        }
        int mask = slots.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int k = slots[slot];
            if (k < 0) {
                return add(new String(chars, offset, length), h, slot);
            }
            if (hashes[k] == h && equals(keys[k], chars, offset, length)) {
                return k;
            }
        }
    }

    int indexOf(String key) {
        return indexOf(key.toCharArray(), 0, key.length());
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static boolean equals(String key, char[] chars, int offset, int length) {
        if (key.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private int add(String key, int hash, int slot) {
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        keys[count] = key;
        hashes[count] = hash;
        slots[slot] = count;
        count++;
        if (count * 2 > slots.length) {
            rehash();
        }
        return count - 1;
    }

    private void rehash() {
        slots = filled(slots.length * 2);
        int mask = slots.length - 1;
        for (int k = 0; k < count; k++) {
            int slot = spread(hashes[k]) & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = k;
        }
    }

    String[] toArray() {
        return Arrays.copyOf(keys, count);
    }
}
