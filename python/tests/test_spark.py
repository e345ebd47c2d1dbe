"""The distributed path: PySpark in local mode with two workers (`local[2]`), twice.

1. The JSON Lines mapper: `RDD.pipe("claimex batch --input jsonl -q -j 1")`, one CLI process
   per partition;
2. the Python package inside `mapInPandas`.

Both must equal `claimex batch --input jsonl` over the same records, record for record and
byte for byte. The records are corpus/ plus, when ../shared/data is there, every 25th article
of fakes-syria-news with its date and outlet passed through. Skips when pyspark or Java is
missing; .ci/run installs both.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FAKES, REPO, read

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)


def corpus_records():
    files = sorted((REPO / "corpus").glob("*.txt"))
    return [{"id": f.stem, "text": read(f"corpus/{f.name}")} for f in files]


def fakes_records():
    if not (FAKES / "index.jsonl").is_file():
        pytest.skip("../shared/data/fakes-syria-news is absent")
    index = [json.loads(line) for line in (FAKES / "index.jsonl").read_text().splitlines() if line]
    return [
        {
            "id": row["id"],
            "text": (FAKES / "articles" / row["file"]).read_text(encoding="utf-8-sig"),
            "date": row["date"],
            "outlet": row["outlet"],
        }
        for row in index[::25]
    ]


@pytest.fixture(params=["corpus", "fakes"])
def records(request):
    return corpus_records() if request.param == "corpus" else fakes_records()


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("claimex-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def batch(cli, records, tmp_path):
    """What `claimex batch --input jsonl` makes of the records: the expected lines."""
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [cli, "batch", "--input", "jsonl", str(path), "-q"], capture_output=True, check=True
    )
    lines = done.stdout.decode().splitlines()
    assert len(lines) == len(records) and all('"error"' not in line[:40] for line in lines)
    return lines


def test_rdd_pipe_equals_batch(spark, cli, records, tmp_path):
    rdd = spark.sparkContext.parallelize([json.dumps(r) for r in records], 2)
    assert rdd.getNumPartitions() == 2
    command = f"{os.path.abspath(cli)} batch --input jsonl -q -j 1"
    got = rdd.pipe(command).collect()
    assert got == batch(cli, records, tmp_path)


def test_map_in_pandas_equals_batch(spark, cli, records, tmp_path):
    import pandas as pd

    def extract_partition(frames):
        """Each Arrow batch of records to its JSON documents (defined here so that Spark
        pickles it by value: the workers cannot import this test module)."""
        import claimex
        import pandas as pd

        for frame in frames:
            # Missing fields come back as None or NaN: keep the strings, as the records had them.
            rows = [{k: v for k, v in row.items() if isinstance(v, str)} for row in frame.to_dict("records")]
            yield pd.DataFrame({"n": frame["n"], "json": claimex.extract_many(rows, threads=1, raw=True)})

    columns = ["id", "text", "date", "outlet"]
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in records], columns=columns)
    frame.insert(0, "n", range(len(records)))
    df = spark.createDataFrame(frame, "n long, id string, text string, date string, outlet string")
    df = df.repartition(2, "n")
    out = df.mapInPandas(extract_partition, "n long, json string").collect()
    got = [row.json for row in sorted(out, key=lambda row: row.n)]
    assert got == batch(cli, records, tmp_path)
