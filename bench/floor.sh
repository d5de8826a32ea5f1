#!/bin/bash
# What SQLite alone takes to write a shop's sales into our sale table, as the bench's "floor"
# row does (`crates/core/benches/shop.rs`, `sqlite3_floor`), and how much of it each part of the
# table costs: for the owner's decision on the import's "2x `sqlite3 .import`" target.
#
# Usage: bench/floor.sh SHOP.sqlite3 [VARIANT...]
#   SHOP.sqlite3: a shop an import filled (e.g. `regulars-cli --data-dir D import sales.csv`,
#   then D/regulars.sqlite3). It is only read: each variant works on a copy.
#   VARIANT: as-is (the table and its four indexes: the bench's floor), no-import-index
#   (without `sale_by_import`), no-times (created_at and updated_at written empty), no-indexes
#   (the table alone). Default: all four.
# Prints each variant's seconds (one transaction: insert every sale, build the indexes,
# commit) and the copy's size. Needs the sqlite3 shell.
set -euo pipefail
shop=$1
shift
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(as-is no-import-index no-times no-indexes)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy=$work/copy.sqlite3
columns="customer_id, sold_on, amount_minor, description, channel, note, created_at, updated_at, import_id, import_key"
for variant in "${variants[@]}"; do
  rm -f "$copy"
  sqlite3 "$shop" "VACUUM INTO '$copy'"
  indexes=$(sqlite3 "$copy" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sale' AND sql IS NOT NULL")
  drops=$(sqlite3 "$copy" "CREATE TABLE src AS SELECT $columns FROM sale;
    SELECT 'DROP ' || upper(type) || ' \"' || name || '\";' FROM sqlite_master
    WHERE tbl_name = 'sale' AND type IN ('index', 'trigger') AND sql IS NOT NULL;")
  sqlite3 "$copy" "$drops DELETE FROM sale; VACUUM;"
  values=$columns
  case $variant in
    as-is) ;;
    no-import-index) indexes=$(printf '%s\n' "$indexes" | grep -v 'INDEX sale_by_import ') ;;
    no-times) values=${columns/created_at, updated_at/\'\', \'\'} ;;
    no-indexes) indexes="" ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  start=$(date +%s.%N)
  sqlite3 "$copy" "PRAGMA threads = 4; BEGIN; INSERT INTO sale ($columns) SELECT $values FROM src; $indexes COMMIT;" > /dev/null
  end=$(date +%s.%N)
  printf '%-16s %6.2f s  %5d MB\n' "$variant" "$(echo "$end - $start" | bc)" "$(( $(stat -c %s "$copy") / 1000000 ))"
done
