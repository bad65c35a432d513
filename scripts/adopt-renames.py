#!/usr/bin/env python3
"""Brings Java sources written against the old names up to the packages and classes of issue 19, for branches
that merge after it (or before it, on the other side):

    scripts/adopt-renames.py            # every .java file under the current directory
    scripts/adopt-renames.py FILE...    # only these

Rewrites qualified names and imports, renames the backend records that ended in View, and adds the imports that a
file in a package that kept its place (worker/eval, ...) now needs for a type that moved to the worker's root
package (before, it used it without an import). Prints the files it changed; running it twice changes nothing.
Files still in a moved directory (metrics/.../seeds, backend/.../home) must be moved by hand (git mv).
"""

import os
import re
import sys

WORKER_ROOT_TYPES = ["EvaluationFailure", "EvaluationInput", "EvaluationProgress", "EvaluationReport", "Evaluator",
                     "GeneratedSamples", "Suite"]

QUALIFIED = [
    (r"dev\.ganboard\.worker\.eval\.(" + "|".join(WORKER_ROOT_TYPES) + r")\b", r"dev.ganboard.worker.\1"),
    (r"dev\.ganboard\.worker\.eval\.Evaluators\b", "dev.ganboard.worker.wiring.Evaluators"),
    (r"dev\.ganboard\.worker\.(EvaluationWorker|WorkerKafka)\b", r"dev.ganboard.worker.pipeline.\1"),
    (r"dev\.ganboard\.worker\.eval\.image\.(ClassCoverage)\b", r"dev.ganboard.metrics.modes.\1"),
    (r"dev\.ganboard\.worker\.eval\.image\.(Memorisation|DuplicateRate)\b", r"dev.ganboard.metrics.neighbours.\1"),
    (r"dev\.ganboard\.worker\.cli\.(BenchCommand|BenchData|BenchEvalCommand|BenchFidCommand)\b",
     r"dev.ganboard.bench.\1"),
    (r"dev\.ganboard\.metrics\.seeds\b", "dev.ganboard.metrics.statistics"),
    (r"dev\.ganboard\.backend\.home\b", "dev.ganboard.backend.config"),
]

BACKEND_RECORDS = [("CheckpointView", "CheckpointSummary"), ("EvaluationView", "EvaluationSummary"),
                   ("ProgressView", "CheckpointProgress")]
# nested in their resources; only renamed where the resource names them (frontend has a Vaadin ProjectView)
NESTED = [(r"\bProjectResource\.ProjectView\b", "ProjectResource.ProjectSummary"),
          (r"\bTeamResource\.TeamView\b", "TeamResource.TeamSummary"),
          (r"\bTeamResource\.UserView\b", "TeamResource.UserSummary")]


def package_of(text):
    m = re.search(r"^package ([\w.]+);", text, re.M)
    return m.group(1) if m else ""


def add_imports(text, names):
    lines = text.split("\n")
    for name in names:
        statement = f"import {name};"
        if statement in lines:
            continue
        imports = [i for i, l in enumerate(lines) if l.startswith("import ") and not l.startswith("import static")]
        if imports:
            at = next((i for i in imports if lines[i] > statement), imports[-1] + 1)
        else:
            at = next(i for i, l in enumerate(lines) if l.startswith("package ")) + 1
            lines.insert(at, "")
            at += 1
        lines.insert(at, statement)
    return "\n".join(lines)


def adopt(text):
    for pattern, replacement in QUALIFIED:
        text = re.sub(pattern, replacement, text)
    for old, new in BACKEND_RECORDS:
        text = re.sub(r"\b" + old + r"\b", new, text)
    for pattern, replacement in NESTED:
        text = re.sub(pattern, replacement, text)
    package = package_of(text)
    if package.startswith("dev.ganboard.worker.") and package != "dev.ganboard.worker":
        body = re.sub(r"^(package|import) .*$", "", text, flags=re.M)
        needed = [f"dev.ganboard.worker.{t}" for t in WORKER_ROOT_TYPES
                  if re.search(r"\b" + t + r"\b", body) and not re.search(r"\bclass " + t + r"\b|\binterface "
                                                                          + t + r"\b|\brecord " + t + r"\b", body)]
        text = add_imports(text, needed)
    if package.startswith("dev.ganboard.worker.pipeline"):
        text = re.sub(r"^import dev\.ganboard\.worker\.pipeline\.[A-Z]\w*;\n", "", text, flags=re.M)
    return text


def java_files(args):
    if args:
        return args
    found = []
    for root, dirs, files in os.walk("."):
        dirs[:] = [d for d in dirs if d not in (".git", "target", "node_modules")]
        found += [os.path.join(root, f) for f in files if f.endswith(".java")]
    return found


def main():
    for path in java_files(sys.argv[1:]):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        updated = adopt(text)
        if updated != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(updated)
            print(path)


if __name__ == "__main__":
    main()
