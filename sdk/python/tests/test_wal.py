import os
import struct
import tempfile
import unittest

import support  # noqa: F401 - puts the SDK on sys.path
from ganboard import wal as walmod
from ganboard.wal import HEADER, Wal


def body(seq):
    return b'{"seq":%d,"points":[]}' % seq


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def segments(d):
    return sorted(n for n in os.listdir(d) if n.startswith("wal-"))


class WalTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def test_records_survive_reopen_and_acks_move_the_cursor(self):
        w = Wal.open(self.dir)
        for seq in range(5):
            w.append(seq, 3, body(seq))
        w.ack(0)
        w.ack(2)  # out of order: the cursor stays below the oldest pending batch
        self.assertEqual(0, w.acked)
        w.ack(1)
        self.assertEqual(2, w.acked)
        w.close()
        w = Wal.open(self.dir)
        self.assertEqual(2, w.acked)
        self.assertEqual([3, 4], w.pending_seqs())
        self.assertEqual(6, w.pending_points)
        self.assertEqual(body(4), w.read(4))
        self.assertIsNone(w.read(1))
        self.assertEqual(4, w.last_seq)
        w.close()

    def test_a_torn_tail_is_dropped_and_the_log_continues(self):
        w = Wal.open(self.dir, fsync=False)
        w.append(0, 1, body(0))
        w.append(1, 1, body(1))
        w.close()
        path = os.path.join(self.dir, segments(self.dir)[0])
        whole = os.path.getsize(path)
        with open(path, "ab") as f:  # a third record cut short, as when the process is killed mid-write
            f.write(HEADER.pack(50, 2, 1, 0) + b"12345")
        with self.assertLogs("ganboard", "WARNING"):
            w = Wal.open(self.dir, fsync=False)
        self.assertEqual([0, 1], w.pending_seqs())
        self.assertEqual(whole, os.path.getsize(path))
        w.append(2, 1, body(2))
        w.close()
        w = Wal.open(self.dir, fsync=False)
        self.assertEqual([0, 1, 2], w.pending_seqs())
        self.assertEqual(body(2), w.read(2))
        w.close()

    def test_a_corrupt_record_ends_the_log(self):
        w = Wal.open(self.dir, fsync=False)
        for seq in range(3):
            w.append(seq, 1, body(seq))
        w.close()
        path = os.path.join(self.dir, segments(self.dir)[0])
        data = bytearray(read_bytes(path))
        data[HEADER.size + len(body(0)) + HEADER.size + 2] ^= 0x40
        with open(path, "wb") as f:
            f.write(bytes(data))
        with self.assertLogs("ganboard", "WARNING"):
            w = Wal.open(self.dir, fsync=False)
        self.assertEqual([0], w.pending_seqs())
        w.close()

    def test_fully_delivered_segments_are_deleted(self):
        w = Wal.open(self.dir, fsync=False)
        w.append(0, 1, body(0))
        w.append(1, 1, body(1))
        w.ack(0)
        w.ack(1)
        w.close()
        w = Wal.open(self.dir, fsync=False)
        self.assertEqual(1, w.acked)
        self.assertEqual(0, w.pending_batches)
        w.append(2, 1, body(2))
        w.close()
        self.assertEqual(["wal-000000000002.log"], segments(self.dir))

    def test_the_record_layout_is_the_java_sdks(self):
        w = Wal.open(self.dir, fsync=False)
        w.append(7, 2, b"{}")
        w.close()
        raw = read_bytes(os.path.join(self.dir, "wal-000000000007.log"))
        length, seq, points, crc = struct.unpack(">IQII", raw[:20])
        self.assertEqual((2, 7, 2), (length, seq, points))
        self.assertEqual(raw[20:], b"{}")
        # java.util.zip.CRC32 over seq (8 bytes BE), points (4 bytes BE), payload
        import zlib
        self.assertEqual(zlib.crc32(struct.pack(">QI", 7, 2) + b"{}"), crc)
        self.assertEqual(walmod.crc(7, 2, b"{}"), crc)


if __name__ == "__main__":
    unittest.main()
