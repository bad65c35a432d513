import json
import math
import struct
import os
import tempfile
import unittest

import support  # noqa: F401 - puts the SDK on sys.path
from ganboard import columns
from ganboard.config import Config
from ganboard.points import Validator, encode, is_valid_key


class KeysAndValuesTest(unittest.TestCase):
    def test_key_rules_match_the_server(self):
        for ok in ("loss/D", "eval/fid.inception-v3_2", "a" * 128):
            self.assertTrue(is_valid_key(ok), ok)
        for bad in ("/loss", "loss/", "a//b", "has space", 'quote"', "a" * 129, "", 3, None, "é"):
            self.assertFalse(is_valid_key(bad), bad)

    def test_values_numbers_and_numeric_objects_only(self):
        v = Validator("t")
        self.assertEqual(2.0, v.value("k", 2))
        self.assertEqual(1.0, v.value("k", True))
        with self.assertLogs("ganboard", "WARNING") as logs:
            for bad in (None, "0.3", b"1", [1.0], 10 ** 400, object()):
                self.assertIsNone(v.value("k", bad), bad)
            self.assertTrue(math.isnan(v.value("k", float("nan"), 7)))
            self.assertEqual(float("inf"), v.value("k", float("inf")))
            self.assertEqual(float("-inf"), v.value("k", float("-inf")))
        self.assertEqual(6, v.rejected, "NaN and ±Inf are values, not rejections")
        self.assertEqual(1, sum("diverged" in m for m in logs.output), "one warning per run for non-finite values")
        self.assertTrue(any("'k' is nan at step 7" in m for m in logs.output), logs.output)

    def test_numpy_scalars_are_numbers(self):
        try:
            import numpy as np
        except ImportError:
            self.skipTest("numpy not installed")
        v = Validator("t")
        self.assertEqual(0.5, v.value("k", np.float32(0.5)))
        self.assertEqual(3.0, v.value("k", np.int64(3)))
        self.assertTrue(math.isnan(v.value("k", np.float64("nan"))))
        with self.assertLogs("ganboard", "WARNING"):
            self.assertIsNone(v.value("k", np.zeros(3)))


class EncodingTest(unittest.TestCase):
    def test_non_finite_values_travel_as_their_bits_and_as_json_tokens(self):
        values = [float("nan"), float("inf"), float("-inf"), 0.1]
        body = encode([(3, 1000, [(f"k{i}", v) for i, v in enumerate(values)])], lambda: 0, 10)[0][2]
        decoded = [p[2] for p in columns.decode(body)[1]]
        self.assertTrue(math.isnan(decoded[0]))
        self.assertEqual(values[1:], decoded[1:])
        text = columns.to_json(body).decode("ascii")
        self.assertIn('"value":NaN,', text)
        self.assertIn('"value":Infinity,', text)
        self.assertIn('"value":-Infinity,', text)
        parsed = [p["value"] for p in json.loads(text)["points"]]
        self.assertTrue(math.isnan(parsed[0]))
        self.assertEqual(values[1:], parsed[1:])

    def test_batches_are_binary_ingest_bodies_and_split_at_the_limit(self):
        entries = [(step, 1_700_000_000_000 + step, [(f"loss/k{i}", -i / 3.0 if i else 1e-300) for i in range(10)])
                   for step in range(25)]
        seqs = iter(range(7, 100))
        batches = encode(entries, lambda: next(seqs), 100)
        self.assertEqual([100, 100, 50], [n for _, n, _ in batches])
        seq, points = columns.decode(batches[0][2])
        self.assertEqual(7, seq)
        self.assertEqual(("loss/k3", 1, -1.0, 1_700_000_000_001), points[13])
        self.assertEqual(1e-300, points[0][2], "doubles travel as their bits")
        self.assertEqual(9, columns.decode(batches[2][2])[0])
        self.assertLess(len(batches[0][2]), 100 * 13, "about 11 bytes a point")

    def test_the_binary_body_is_the_servers_format(self):
        # the bytes the Java codec (MetricColumnsCodec) writes for this batch: two keys, steps 5 and 6, the second
        # point without a time
        body = encode([(5, 1000, [("a", 1.5)]), (6, 1000, [("bc", -2.0)])], lambda: 3, 10)[0][2]
        expected = (b"\0GM\x01" + bytes(8) + (3).to_bytes(8, "big") + bytes(8)
                    + b"\x02\x01a\x02bc" + b"\x02"
                    + b"\x00\x0a" + struct.pack(">d", 1.5) + b"\xd0\x0f"
                    + b"\x01\x02" + struct.pack(">d", -2.0) + b"\x00")
        self.assertEqual(expected, body)

    def test_json_for_servers_from_before_the_binary_body(self):
        body = encode([(1, 1_700_000_000_001, [("loss/D", 1e-300), ("loss/G", -1 / 3)])], lambda: 4, 10)[0][2]
        doc = json.loads(columns.to_json(body))
        self.assertEqual(4, doc["seq"])
        self.assertEqual({"key": "loss/G", "step": 1, "value": -1 / 3, "time": 1_700_000_000_001}, doc["points"][1])
        self.assertEqual(1e-300, doc["points"][0]["value"])

    def test_batches_also_split_on_bytes(self):
        entries = [(s, 0, [(f"k{i}", 1.0) for i in range(10)]) for s in range(2)]
        seqs = iter(range(100))
        batches = encode(entries, lambda: next(seqs), 10_000, max_bytes=50)
        self.assertGreater(len(batches), 2)
        self.assertEqual(20, sum(n for _, n, _ in batches))


class ConfigTest(unittest.TestCase):
    def test_environment_variables_configure_everything(self):
        d = tempfile.mkdtemp()
        c = Config.from_env({"GANBOARD_URL": "http://gb:8080/", "GANBOARD_API_KEY": "k", "GANBOARD_PROJECT": "ring8",
                             "GANBOARD_MODE": "OFFLINE", "GANBOARD_DIR": d, "GANBOARD_FSYNC": "off",
                             "GANBOARD_FLUSH_MS": "50", "GANBOARD_FINISH_TIMEOUT_S": "2.5"})
        self.assertEqual(("http://gb:8080", "k", "ring8", "offline", d, "off", 0.05, 2.5),
                         (c.url, c.api_key, c.project, c.mode, c.dir, c.fsync, c.flush_interval, c.finish_timeout))

    def test_keywords_override_the_environment(self):
        c = Config.from_env({"GANBOARD_URL": "http://a:1", "GANBOARD_API_KEY": "k"}, url="http://b:2")
        self.assertEqual("http://b:2", c.url)

    def test_bad_values_name_the_variable(self):
        with self.assertRaisesRegex(ValueError, "GANBOARD_MODE"):
            Config.from_env({"GANBOARD_MODE": "sometimes"})
        with self.assertRaises(TypeError):
            Config.from_env({}, colour="blue")

    def test_the_local_admin_key_is_used_only_for_a_local_server(self):
        home = tempfile.mkdtemp()
        with open(os.path.join(home, "admin-api-key"), "w") as f:
            f.write("local-key\n")
        self.assertEqual("local-key", Config.from_env({"GANBOARD_HOME": home,
                                                       "GANBOARD_URL": "http://127.0.0.1:8080"}).api_key)
        self.assertIsNone(Config.from_env({"GANBOARD_HOME": home, "GANBOARD_URL": "https://gb.example.org"}).api_key)
        self.assertEqual("explicit", Config.from_env({"GANBOARD_HOME": home, "GANBOARD_API_KEY": "explicit"}).api_key)


if __name__ == "__main__":
    unittest.main()
