"""Three of Regulars' dashboard metrics, computed by pandas and by DuckDB from the same
sales CSV (customer_id,date,amount; an empty customer_id is a walk-in), so that
`cargo xtask bench` can print the time each peer takes beside ours, and check that all
three agree on the numbers.

The metrics, as docs/METRICS.md defines them (all time; a purchase is a distinct day on
which a customer bought; walk-ins count in no customer figure):
  1. repeat customer rate: customers with 2 or more purchase days / customers with 1 or more;
  2. new and returning customers per month (new: first purchase ever in that month;
     returning: bought that month and in an earlier one);
  3. purchase counts: customers by their number of purchase days (1, 2, 3, 4, 5 or more).

Usage: python3 bench/peers.py SALES.csv ROUNDS
Prints one JSON object: for each peer, either {"skipped": why} or the median seconds to load
the file and to compute the metrics (from the loaded data), and the metrics themselves.
"""

import json
import statistics
import sys
import time


def median_time(rounds, run):
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def with_pandas(path, rounds):
    import pandas as pd

    def load():
        frame = pd.read_csv(path, dtype={"customer_id": "string", "date": "string"}, usecols=["customer_id", "date"])
        return frame.dropna(subset=["customer_id"])

    load_s, frame = median_time(rounds, load)

    def compute():
        days = frame.drop_duplicates()
        per_customer = days.groupby("customer_id").size()
        counts = [int((per_customer == n).sum()) for n in (1, 2, 3, 4)] + [int((per_customer >= 5).sum())]
        months = pd.DataFrame({"customer_id": days["customer_id"], "month": days["date"].str[:7]}).drop_duplicates()
        first = months.groupby("customer_id")["month"].transform("min")
        is_new = months["month"] == first
        new = is_new.groupby(months["month"]).sum()
        returning = (~is_new).groupby(months["month"]).sum()
        return {
            "customers": int(len(per_customer)),
            "repeat_customers": int((per_customer >= 2).sum()),
            "purchase_counts": counts,
            "new_by_month": {m: int(v) for m, v in new.items()},
            "returning_by_month": {m: int(v) for m, v in returning.items()},
        }

    compute_s, metrics = median_time(rounds, compute)
    return {"version": pd.__version__, "load_s": load_s, "compute_s": compute_s, "metrics": metrics}


def with_duckdb(path, rounds):
    import duckdb

    def load():
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE sale AS SELECT customer_id, date FROM read_csv(?, header = true, "
            "columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'amount': 'VARCHAR'}) "
            "WHERE customer_id IS NOT NULL AND customer_id <> ''",
            [path],
        )
        return con

    load_s, con = median_time(rounds, load)

    def compute():
        con.execute("CREATE OR REPLACE TEMP TABLE days AS SELECT DISTINCT customer_id, date FROM sale")
        per = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE n >= 2), count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n = 2), "
            "count(*) FILTER (WHERE n = 3), count(*) FILTER (WHERE n = 4), count(*) FILTER (WHERE n >= 5) "
            "FROM (SELECT customer_id, count(*) AS n FROM days GROUP BY customer_id)"
        ).fetchone()
        by_month = con.execute(
            "WITH m AS (SELECT DISTINCT customer_id, substr(date, 1, 7) AS month FROM days), "
            "f AS (SELECT customer_id, min(month) AS first FROM m GROUP BY customer_id) "
            "SELECT m.month, count(*) FILTER (WHERE m.month = f.first), count(*) FILTER (WHERE m.month > f.first) "
            "FROM m JOIN f USING (customer_id) GROUP BY m.month ORDER BY m.month"
        ).fetchall()
        return {
            "customers": int(per[0]),
            "repeat_customers": int(per[1]),
            "purchase_counts": [int(x) for x in per[2:]],
            "new_by_month": {m: int(n) for m, n, _ in by_month},
            "returning_by_month": {m: int(r) for m, _, r in by_month},
        }

    compute_s, metrics = median_time(rounds, compute)
    return {"version": duckdb.__version__, "load_s": load_s, "compute_s": compute_s, "metrics": metrics}


def main():
    path, rounds = sys.argv[1], int(sys.argv[2])
    out = {}
    for name, run in (("pandas", with_pandas), ("duckdb", with_duckdb)):
        try:
            out[name] = run(path, rounds)
        except ImportError as error:
            out[name] = {"skipped": f"{name} is not installed ({error})"}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
