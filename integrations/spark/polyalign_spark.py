#!/usr/bin/env python3
"""Aligns a site's archive of articles with polyalign on a Spark cluster.

    spark-submit [--master ...] [--files polyalign] polyalign_spark.py INPUT OUTPUT [options]

INPUT is JSON lines, one article per line (`{"id": "a1", "text": {"en": "...", "ru": "...",
"uk": "..."}}`, or with segmented `sentences`, as `polyalign align --jsonl` reads them): a
local path, an HDFS or S3 URI, a directory or a glob: whatever `SparkContext.textFile`
reads (.gz files too). OUTPUT is a directory (local, HDFS or S3) that the job creates:

    OUTPUT/units/part-*      one JSON line per translation unit, in the order of the input:
                             article after article, unit after unit (the part files in name
                             order); with --single-file, one part file
    OUTPUT/manifest/part-00000
                             one JSON line per article, in input order: polyalign's manifest
                             entry (status "done", "skipped" or "failed", units, reason)
                             with the article's place in the input, "index"
    OUTPUT/memory.tmx        TMX 1.4b of all the units, written on the driver (--tmx driver)
    OUTPUT/tmx/part-*        or one complete TMX file per partition (--tmx partition)
    OUTPUT/units.jsonl       (local OUTPUT only, --tmx driver) the units in one file: what
                             the TMX was made from

Every partition pipes its articles through one process of

    polyalign align --jsonl - --format jsonl --manifest FILE --jobs N --quiet --no-priors

which reads article lines on standard input and writes, in input order, one line per unit:
{"tuid": "<id>:<n>", "document": "<id>", "unit": n, "en": {"ids": [...], "text": "..."},
..., "score": 0.93, "scores": {"en-ru": 0.99, ...}}, and to FILE one line per article with
its fate. An article it cannot align has no units, is reported on standard error and makes
the exit status 2; the job records it in the manifest and goes on. Any other exit status
fails the task (Spark retries it).

The lines are numbered (zipWithIndex) before they are spread over the executors, and the
units are sorted by (article number, unit number) before they are written, so the units
are the same, line for line, as one `polyalign align --jsonl INPUT --format jsonl --no-priors`
on one machine writes, whatever the number of partitions.

The binary: --polyalign PATH (the same path on every executor), else the file shipped with
`spark-submit --files /path/to/polyalign` (SparkFiles.get("polyalign"), or ./polyalign in
a YARN container's working directory), else `polyalign` on PATH. It must be a Linux
binary that runs on the executors (see README.md beside this file).

The job prints one JSON line of figures on standard output at the end: articles, done,
skipped, failed, units, partitions, seconds, articles_per_second, stages.
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlparse

# The key of a unit line: (0, article number, unit number); of a manifest line:
# (1, article number, 0). Both kinds come out of the same pass over the articles.
UNIT, ARTICLE = 0, 1


# ---------------------------------------------------------------------------------------
# The binary


def find_binary(explicit=None):
    """The polyalign binary to run here (on the driver or on an executor), executable."""
    candidates = []
    if explicit:
        candidates.append(explicit)
    else:
        try:
            from pyspark import SparkFiles

            candidates.append(SparkFiles.get("polyalign"))
        except Exception:  # no SparkContext or SparkFiles root in this process
            pass
        candidates.append(os.path.join(os.getcwd(), "polyalign"))  # YARN's --files
        on_path = shutil.which("polyalign")
        if on_path:
            candidates.append(on_path)
    for path in candidates:
        if path and os.path.isfile(path):
            return executable(path)
    raise FileNotFoundError(
        "no polyalign binary: give --polyalign PATH, ship it with spark-submit --files "
        f"polyalign, or put it on PATH (looked at {', '.join(map(str, candidates)) or 'nothing'})"
    )


def executable(path):
    """`path` when it can be run, else a copy of it that can (a file shipped with --files
    may arrive without its execute bit)."""
    if os.access(path, os.X_OK):
        return path
    copy = os.path.join(tempfile.mkdtemp(prefix="polyalign-bin-"), "polyalign")
    shutil.copyfile(path, copy)
    os.chmod(copy, os.stat(copy).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return copy


def check_binary(binary):
    """Fails early, on the driver, when the binary does not run here or does not keep the
    contract the job relies on (unit lines and --manifest)."""
    with tempfile.TemporaryDirectory(prefix="polyalign-check-") as tmp:
        manifest = os.path.join(tmp, "manifest.jsonl")
        article = {"id": "check", "text": {"en": "One. Two.", "uk": "Один. Два."}}
        run = subprocess.run(
            align_command(binary, 1, manifest),
            input=json.dumps(article, ensure_ascii=False) + "\n",
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            first = json.loads(run.stdout.splitlines()[0])
            ok = run.returncode == 0 and "tuid" in first and os.path.exists(manifest)
        except (IndexError, ValueError):
            ok = False
        if not ok:
            raise RuntimeError(
                f"{binary} does not write unit lines and a manifest for `align --jsonl - "
                f"--format jsonl --manifest FILE` (exit {run.returncode}): "
                f"{run.stderr.strip()[:500]}"
            )


def align_command(binary, threads, manifest, extra=()):
    return [
        binary, "align", "--jsonl", "-", "--format", "jsonl",
        "--manifest", manifest,
        "--jobs", str(threads),
        "--quiet",  # no progress or summary lines: failures are still reported
        # Each article on its own: priors learned from a partition's first articles would
        # make the units depend on how the articles fall into partitions.
        "--no-priors",
    ] + list(extra)


# ---------------------------------------------------------------------------------------
# One partition: the articles through one polyalign process


def id_text(value):
    """An article id as polyalign writes it in `document`: a string as it is, any other
    JSON value as JSON (7 -> "7")."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def article_id(line):
    """The id of an article line, or None with why the job does not send it. polyalign
    would name an article without an id after its line in the partition, a name that
    depends on how the input was split: such an article is failed here instead."""
    try:
        record = json.loads(line)
    except ValueError as e:
        return None, f"not a JSON article: {e}"
    if not isinstance(record, dict):
        return None, "not a JSON article: not an object"
    if record.get("id") is None:
        return None, 'no "id": an article needs one to name its units'
    return id_text(record["id"]), None


def manifest_line(index, entry):
    """A manifest line of the job: polyalign's entry, with the article's place in the
    input first and its units (0 when it has none)."""
    entry = {"index": index, **entry}
    entry.setdefault("units", 0)
    return (ARTICLE, index, 0), json.dumps(entry, ensure_ascii=False)


def align_partition(rows, settings):
    """Aligns the (line, article number) rows of one partition; yields ((kind, article,
    unit), line) pairs: the unit lines and one manifest line per article."""
    binary = find_binary(settings["polyalign"])
    tmp = tempfile.mkdtemp(prefix="polyalign-part-")
    try:
        yield from run_partition(rows, binary, settings, os.path.join(tmp, "manifest.jsonl"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_partition(rows, binary, settings, manifest):
    sent = []  # (article number, id) of the lines written to the process, in order
    unsent = []  # (article number, manifest entry) of lines the job does not send
    env = dict(os.environ)
    # Each task gets spark.task.cpus threads: the executor already runs one task per core.
    env["RAYON_NUM_THREADS"] = str(settings["threads"])
    proc = subprocess.Popen(
        align_command(binary, settings["threads"], manifest, settings["align_args"]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    writer_error = []

    def feed():
        """Writes the partition's articles to the process (a thread of its own, so that
        the process never waits on a full standard output while we write)."""
        try:
            for line, index in rows:
                aid, why = article_id(line)
                if why:
                    unsent.append((index, {"id": aid, "status": "failed", "reason": why}))
                    continue
                sent.append((index, aid))
                proc.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            proc.stdin.close()
        except BrokenPipeError:
            pass  # the process died: its exit status says why
        except BaseException as e:  # reading the partition failed: fail the task
            writer_error.append(e)
            proc.kill()

    errors = []
    writer = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
    writer.start()
    reader.start()

    # Units come in input order, numbered from 1 in each article: a unit belongs to the
    # article of the previous unit, or to a later one (articles in between had none).
    # Reading `sent` here while the writer appends to it is safe: the process cannot
    # write a unit of an article before the article was sent.
    counts = {}  # article number -> units
    at, last_unit = -1, 0  # the place in `sent` of the last unit's article, its number
    for raw in proc.stdout:
        line = raw.decode("utf-8").rstrip("\n")
        if not line:
            continue
        unit = json.loads(line)
        doc, n = unit.get("document"), unit.get("unit")
        if not (0 <= at < len(sent) and sent[at][1] == doc and n > last_unit):
            at += 1
            while at < len(sent) and sent[at][1] != doc:
                at += 1
            if at >= len(sent):
                proc.kill()
                raise RuntimeError(f"polyalign wrote a unit of {doc!r}, not an article sent")
        last_unit = n
        index = sent[at][0]
        counts[index] = counts.get(index, 0) + 1
        yield (UNIT, index, n), line
    writer.join()
    status = proc.wait()
    reader.join()
    if writer_error:
        raise writer_error[0]
    messages = [m.decode("utf-8", "replace").rstrip("\n") for m in errors]
    if status not in (0, 2) or not os.path.exists(manifest):
        raise RuntimeError(
            f"polyalign exited with status {status}: " + "\n".join(messages[-20:])
        )
    for m in messages:
        print(m, file=sys.stderr)  # the executor's log
    with open(manifest, encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    if len(entries) != len(sent):
        raise RuntimeError(f"polyalign's manifest has {len(entries)} articles, not {len(sent)}")
    for (index, aid), entry in zip(sent, entries):
        # The units read must be the units the manifest counts (none unless done).
        want = entry.get("units", 0) if entry.get("status") == "done" else 0
        if counts.get(index, 0) != want:
            raise RuntimeError(
                f"{aid}: polyalign's manifest counts {want} units, it wrote {counts.get(index, 0)}"
            )
        yield manifest_line(index, {**entry, "id": aid})
    for index, entry in unsent:
        yield manifest_line(index, entry)


# ---------------------------------------------------------------------------------------
# TMX


def tmx_partition(lines, settings):
    """One complete TMX file of the units of one partition (--tmx partition)."""
    binary = find_binary(settings["polyalign"])
    with tempfile.TemporaryDirectory(prefix="polyalign-tmx-") as tmp:
        units = os.path.join(tmp, "units.jsonl")
        with open(units, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(line + "\n")
        if os.path.getsize(units) == 0:
            return
        tmx = os.path.join(tmp, "memory.tmx")
        subprocess.run(
            [binary, "tmx", "convert", units, "-o", tmx], check=True, capture_output=True
        )
        with open(tmx, encoding="utf-8") as f:
            yield f.read().rstrip("\n")


def is_local(uri):
    return urlparse(uri).scheme in ("", "file")


def local_path(uri):
    return urlparse(uri).path if urlparse(uri).scheme == "file" else uri


def put(sc, local, uri):
    """Copies the driver's file `local` to `uri` (any file system Hadoop reaches)."""
    if is_local(uri):
        shutil.copyfile(local, local_path(uri))
        return
    jvm = sc._jvm
    target = jvm.org.apache.hadoop.fs.Path(uri)
    fs = target.getFileSystem(sc._jsc.hadoopConfiguration())
    fs.copyFromLocalFile(False, True, jvm.org.apache.hadoop.fs.Path(local), target)


def remove(sc, uri):
    """Deletes `uri` (a directory or file) when it exists."""
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    if fs.exists(path):
        fs.delete(path, True)


# ---------------------------------------------------------------------------------------
# The job


def arguments(argv):
    p = argparse.ArgumentParser(
        description="Align JSON lines articles with polyalign on Spark.",
        epilog="Arguments after -- go to `polyalign align` (e.g. -- --min-score 0.5).",
    )
    p.add_argument("input", help="articles, one JSON object per line (path or URI)")
    p.add_argument("output", help="the output directory to create (path or URI)")
    p.add_argument("--polyalign", metavar="PATH", help="the binary, at this path on every executor")
    p.add_argument("--master", help="Spark master, when not run by spark-submit (local[2], yarn)")
    p.add_argument(
        "--partitions", type=int, help="partitions of the input (default: twice Spark's parallelism)"
    )
    p.add_argument(
        "--single-file", action="store_true", help="write the units as one part file"
    )
    p.add_argument(
        "--tmx",
        choices=("driver", "partition", "none"),
        default="driver",
        help="one TMX made on the driver (default), one TMX per partition, or none",
    )
    p.add_argument("--overwrite", action="store_true", help="replace an existing OUTPUT")
    own, passed = split_dashes(argv)
    args = p.parse_args(own)
    args.align_args = passed
    return args


def split_dashes(argv):
    """The job's own arguments, and those after `--` (for `polyalign align`)."""
    if "--" in argv:
        at = argv.index("--")
        return argv[:at], argv[at + 1 :]
    return argv, []


def main(argv=None):
    args = arguments(sys.argv[1:] if argv is None else argv)
    launched = time.time()
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("polyalign-align")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    started = time.time()
    stages = {"spark_start": started - launched}

    out = args.output.rstrip("/")
    if args.overwrite:
        remove(sc, out)
    driver_binary = find_binary(args.polyalign)
    check_binary(driver_binary)
    settings = {
        "polyalign": args.polyalign,
        "threads": int(sc.getConf().get("spark.task.cpus", "1")),
        "align_args": args.align_args,
    }
    partitions = args.partitions or 2 * sc.defaultParallelism

    # Number the lines where they are read: the number is the article's place in the
    # archive (its line, from 0), which the output keeps however the articles are spread.
    articles = (
        sc.textFile(args.input, minPartitions=partitions)
        .zipWithIndex()
        .filter(lambda row: row[0].strip())
    )
    if articles.getNumPartitions() < partitions:  # e.g. one .gz file: one split
        articles = articles.repartition(partitions)
    aligned = articles.mapPartitions(lambda rows: align_partition(rows, settings))
    # Aligned once: the sort's sampling, the units, the manifest and the TMX all read it.
    aligned = aligned.persist(StorageLevel.MEMORY_AND_DISK)

    out_parts = 1 if args.single_file else max(1, aligned.getNumPartitions())
    units = (
        aligned.filter(lambda kv: kv[0][0] == UNIT)
        .map(lambda kv: ((kv[0][1], kv[0][2]), kv[1]))
        .sortByKey(numPartitions=out_parts)  # range partitions: part files in order
        .values()
    )
    units.saveAsTextFile(out + "/units")
    stages["align_and_write_units"] = time.time() - started
    mark = time.time()
    manifest = (
        aligned.filter(lambda kv: kv[0][0] == ARTICLE)
        .map(lambda kv: (kv[0][1], kv[1]))
        .sortByKey(numPartitions=1)
        .values()
    )
    manifest.saveAsTextFile(out + "/manifest")
    # status -> (articles, units)
    tally = (
        manifest.map(json.loads)
        .map(lambda e: (e["status"], (1, e["units"])))
        .reduceByKey(lambda a, b: (a[0] + b[0], a[1] + b[1]))
        .collectAsMap()
    )
    stages["manifest"] = time.time() - mark
    mark = time.time()

    if args.tmx == "driver":
        # The units in order into one local file, then one TMX of them. The driver holds
        # one partition at a time; the TMX is written by one process, as on one machine.
        with tempfile.TemporaryDirectory(prefix="polyalign-tmx-") as tmp:
            local_units = os.path.join(tmp, "units.jsonl")
            with open(local_units, "w", encoding="utf-8") as f:
                for line in units.toLocalIterator():
                    f.write(line + "\n")
            local_tmx = os.path.join(tmp, "memory.tmx")
            subprocess.run(
                [driver_binary, "tmx", "convert", local_units, "-o", local_tmx], check=True
            )
            put(sc, local_tmx, out + "/memory.tmx")
            if is_local(out):
                shutil.copyfile(local_units, local_path(out) + "/units.jsonl")
    elif args.tmx == "partition":
        # Part file k is a whole TMX document of the units of sorted partition k.
        units.mapPartitions(lambda lines: tmx_partition(lines, settings)).saveAsTextFile(
            out + "/tmx"
        )

    if args.tmx != "none":
        stages["tmx"] = time.time() - mark
    seconds = time.time() - started
    n_articles = sum(n for n, _ in tally.values())
    summary = {
        "articles": n_articles,
        "done": tally.get("done", (0, 0))[0],
        "skipped": tally.get("skipped", (0, 0))[0],
        "failed": tally.get("failed", (0, 0))[0],
        "units": sum(u for _, u in tally.values()),
        "partitions": aligned.getNumPartitions(),
        "seconds": round(seconds, 2),
        "articles_per_second": round(n_articles / seconds, 2) if seconds else None,
        "stages": {k: round(v, 2) for k, v in stages.items()},
        "output": out,
    }
    aligned.unpersist()
    spark.stop()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
