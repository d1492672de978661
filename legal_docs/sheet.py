"""Answers as rows: CSV and XLSX sheets, JSONL files and folders of answers files, for `batch`.

A sheet has one row per client and one column per answer, named by its dotted path
(`petitioner.name`); repeated groups are numbered from 1 (`offenses.1.code_section`,
`offenses.2.code_section`, `trafficking.evidence.1`). An empty cell is an answer left out. The
column `matter_id` is not an answer: it names the client's output folder. Reading is lazy (one
row in memory at a time) and errors name columns and rows, never what a cell holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import IO, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .errors import InputError, Problem
from .i18n import _
from .limits import MAX_DEPTH, MAX_INT_DIGITS, DuplicateKey, parse_json, structure_problem
from .vault import MAGIC, decrypt, get_passphrase

MATTER_ID = "matter_id"
SHEET_FORMATS = ("csv", "xlsx")
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Row:
    number: int  # 1 is the first row under the headers (spreadsheet line 2), or line/file 1
    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""  # a folder input's file name (the clinic chose it); empty otherwise
    line: int = 0  # the row as the clinic sees it: the sheet's own row number (the headers are row 1)

    def __post_init__(self) -> None:
        self.line = self.line or self.number


@dataclass
class Source:
    """An input of `batch`: how many rows it has, and the rows one at a time."""

    path: Path
    format: str  # csv | xlsx | jsonl | folder
    base_dir: Path  # where relative exhibit paths are looked up
    blob: bytes | None = None  # an encrypted file's decrypted content (read once)

    def count(self) -> int:
        return sum(1 for _ in self._records())

    def rows(self) -> Iterator[Row]:
        header_rows = 1 if self.format in SHEET_FORMATS else 0  # a sheet's row 1 holds the column names
        for number, record in self._records():
            if isinstance(record, Row):
                record.line = number + header_rows
                yield record
            elif isinstance(record, dict):
                yield Row(number, data=record, line=number + header_rows)
            else:
                data, problems = unflatten(record)
                yield Row(number, data=data, problems=problems, line=number + header_rows)

    def _records(self) -> Iterator[tuple[int, Any]]:
        if self.format == "csv":
            yield from _csv_records(self)
        elif self.format == "xlsx":
            yield from _xlsx_records(self)
        elif self.format == "jsonl":
            yield from _jsonl_records(self)
        else:
            yield from _folder_records(self.path)


def open_source(path: Path) -> Source:
    """The input at `path`, by its kind: a folder, or a file ending .csv, .xlsx or .jsonl."""
    if path.is_dir():
        return Source(path, "folder", path.resolve())
    if not path.is_file():
        raise InputError(_("Batch input not found: {name}").format(name=path.name))
    suffix = path.suffix.lower()
    formats = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}
    if suffix not in formats:
        raise InputError(
            _("Batch input {name} is not a .csv, .xlsx or .jsonl file, nor a folder of answers files").format(
                name=path.name)
        )
    with open(path, "rb") as fh:
        encrypted = fh.read(len(MAGIC)) == MAGIC
    blob = decrypt(path.read_bytes(), get_passphrase(), name=path.name) if encrypted else None
    return Source(path, formats[suffix], path.resolve().parent, blob)


# -- cells to answers ----------------------------------------------------------------------------


def unflatten(cells: list[tuple[str, Any]]) -> tuple[dict[str, Any], list[Problem]]:
    """[("offenses.1.date", "2019-06-02"), ...] -> ({"offenses": [{"date": "2019-06-02"}]}, problems).

    Empty cells are left out; numbered groups become lists, which must be numbered 1, 2, 3...
    with no group left empty before a filled one."""
    root: dict[Any, Any] = {}
    problems: list[Problem] = []
    for header, raw in cells:
        value = cell_text(raw)
        if value is None:
            continue
        keys: list[Any] = []
        if header.count(".") >= MAX_DEPTH:
            problems.append(Problem.at_column(header, _("is not a column name this tool reads (check the dots)")))
            continue
        for part in header.split("."):
            if part.isdigit():
                if int(part) < 1:
                    problems.append(Problem.at_column(header, _("numbered columns start at 1")))
                    break
                keys.append(int(part))
            elif part:
                keys.append(part)
            else:
                problems.append(Problem.at_column(header, _("is not a column name this tool reads (check the dots)")))
                break
        else:
            if isinstance(keys[0], int):
                problems.append(Problem.at_column(header, _("is not a column name this tool reads (check the dots)")))
                continue
            _put(root, keys, value, header, problems)
    return _listify(root, "", problems), problems


def _put(root: dict[Any, Any], keys: list[Any], value: str, header: str, problems: list[Problem]) -> None:
    node = root
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            problems.append(Problem.at_column(header, _("clashes with another column of the same name")))
            return
        node = child
    if keys[-1] in node:
        problems.append(Problem.at_column(header, _("clashes with another column of the same name")))
        return
    node[keys[-1]] = value


def _listify(node: Any, path: str, problems: list[Problem]) -> Any:
    if not isinstance(node, dict):
        return node
    keys = list(node)
    numbered = [k for k in keys if isinstance(k, int)]
    if numbered and len(numbered) != len(keys):
        problems.append(Problem.at_column(path, _("mixes numbered and named columns")))
        return {str(k): _listify(v, f"{path}.{k}", problems) for k, v in node.items()}
    if numbered:
        items = []
        for expected, number in enumerate(sorted(numbered), start=1):
            if number != expected:
                problems.append(
                    Problem.at_column(f"{path}.{expected}", _("is empty while a later one is filled: number the groups 1, 2, 3..."))
                )
                break
            items.append(_listify(node[number], f"{path}.{number}", problems))
        return items
    return {k: _listify(v, f"{path}.{k}" if path else k, problems) for k, v in node.items()}


def typed(model: type[BaseModel], data: Any) -> Any:
    """Cells are text; turn the text of whole-number fields (e.g. `schema_version: 1`) into
    numbers, as a YAML file would hold them. Everything else stays text for the model to read."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for name, info in model.model_fields.items():
        if name not in out:
            continue
        value = out[name]
        annotation = _unoptional(info.annotation)
        inner = _model_in(annotation)
        if get_origin(annotation) is list and isinstance(value, list):
            item_model = _model_in(get_args(annotation)[0])
            if item_model is not None:
                out[name] = [typed(item_model, v) for v in value]
        elif inner is not None:
            out[name] = typed(inner, value)
        elif isinstance(value, str) and re.fullmatch(rf"\s*\d{{1,{MAX_INT_DIGITS}}}\s*", value) and _is_int(annotation):
            out[name] = int(value)
    return out


@dataclass
class Habits:
    """What was done to a row's cells to undo a spreadsheet's habits (notes for the review), and
    what could not be undone (problems)."""

    notes: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def spreadsheet_habits(model: type[BaseModel], data: Any, prefix: str = "", habits: Habits | None = None) -> tuple[Any, Habits]:
    """Undo what a spreadsheet does to numbers typed in a column not formatted as text, where the
    answer is unambiguous, and say so: a ZIP code of 4 digits lost its leading zero (2134 ->
    02134); a telephone of 10 digits is written (213) 555-0100; a `kind` in any case is the kind
    (Vacatur -> vacatur). A shorter ZIP code is explained, not guessed."""
    from .i18n import _

    habits = habits if habits is not None else Habits()
    if not isinstance(data, dict):
        return data, habits
    out = dict(data)
    if prefix == "" and isinstance(out.get("kind"), str):
        out["kind"] = out["kind"].strip().lower()
    for name, info in model.model_fields.items():
        if name not in out:
            continue
        value = out[name]
        column = f"{prefix}{name}"
        annotation = _unoptional(info.annotation)
        if get_origin(annotation) is list and isinstance(value, list):
            item_model = _model_in(get_args(annotation)[0])
            if item_model is not None:
                out[name] = [spreadsheet_habits(item_model, v, f"{column}.{i}.", habits)[0]
                             for i, v in enumerate(value, start=1)]
        elif _model_in(annotation) is not None:
            out[name] = spreadsheet_habits(_model_in(annotation), value, f"{column}.", habits)[0]  # type: ignore[arg-type]
        elif not isinstance(value, str):
            continue
        elif name == "zip" and re.fullmatch(r"\d{1,4}", value.strip()):
            digits = value.strip()
            if len(digits) == 4:
                out[name] = "0" + digits
                habits.notes.append(Problem.at_column(column, _(
                    "had 4 digits: a leading zero was added (the sheet stored it as a number, which drops it; "
                    "format the column as text)")))
            else:
                habits.problems.append(Problem.at_column(column, _(
                    "has fewer than 5 digits: the sheet stored it as a number and its leading zeros were lost; "
                    "format the column as text and type it again")))
        elif (name == "phone" or name.endswith("_phone")) and re.fullmatch(r"1?\d{10}", value.strip()):
            digits = value.strip()[-10:]
            out[name] = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
            habits.notes.append(Problem.at_column(column, _(
                "was 10 digits without punctuation (the sheet stored it as a number): written as a "
                "telephone number, (213) 555-0100")))
    return out, habits


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    args = get_args(annotation)
    return bool(args) and all(isinstance(a, int) and not isinstance(a, bool) for a in args)


def cell_text(value: Any) -> str | None:
    """A cell as the text an answers file would hold; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.strftime("%H:%M") if isinstance(value, dt.time) else value.isoformat()
    text = str(value)
    return text if text.strip() else None


# -- readers ---------------------------------------------------------------------------------------


def _open_text(source: Source) -> IO[str]:
    """The input as text: streamed from the file, or from the decrypted copy in memory."""
    if source.blob is not None:
        try:
            return io.StringIO(source.blob.decode("utf-8-sig"), newline="")
        except UnicodeDecodeError:
            raise InputError(_("Batch input {name} is not UTF-8 text; save it as UTF-8").format(
                name=source.path.name)) from None
    return open(source.path, encoding="utf-8-sig", newline="")


def _headers(raw: list[Any], name: str) -> list[str]:
    headers = [str(h).strip() if h is not None else "" for h in raw]
    seen: set[str] = set()
    for h in headers:
        if h and h in seen:
            raise InputError(_("Batch input {name} has the column '{column}' twice").format(name=name, column=h))
        seen.add(h)
    if "kind" not in seen:
        raise InputError(_("Batch input {name} has no `kind` column (the packet each row makes)").format(name=name))
    return headers


# A cell may be long (a narrative pasted whole): the model, not the CSV reader, says what is too long.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


def _csv_records(source: Source) -> Iterator[tuple[int, Any]]:
    path = source.path
    try:
        with _open_text(source) as fh:
            reader = csv.reader(fh)
            first = next(reader, None)
            if first is None:
                raise InputError(_("Batch input {name} is empty").format(name=path.name))
            headers = _headers(first, path.name)
            for number, cells in enumerate(reader, start=1):
                if any(c.strip() for c in cells):
                    if any(c.strip() for c in cells[len(headers):]):
                        yield number, Row(number, problems=[Problem((), "", _("has more cells than there are column names"))])
                        continue
                    yield number, [(h, c) for h, c in zip(headers, cells) if h]
    except UnicodeDecodeError:
        raise InputError(_("Batch input {name} is not UTF-8 text; save it as UTF-8").format(name=path.name)) from None
    except csv.Error as exc:
        raise InputError(_("Batch input {name} is not a readable CSV file ({reason})").format(
            name=path.name, reason=exc)) from None


def _xlsx_records(source: Source) -> Iterator[tuple[int, Any]]:
    from openpyxl import load_workbook

    path = source.path
    target: Any = io.BytesIO(source.blob) if source.blob is not None else path
    try:
        book = load_workbook(target, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a damaged or foreign file
        raise InputError(_("Batch input {name} is not a readable .xlsx workbook").format(name=path.name)) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows()
        first = next(rows, None)
        if first is None:
            raise InputError(_("Batch input {name} is empty").format(name=path.name))
        headers = _headers([c.value for c in first], path.name)
        for number, row in enumerate(rows, start=1):
            cells = [_xlsx_value(c) for c in row]
            if any(cell_text(c) is not None for c in cells):
                yield number, [(h, c) for h, c in zip(headers, cells) if h]
    finally:
        book.close()


def _xlsx_value(cell: Any) -> Any:
    """A cell's value; a date Excel shows without its day ("Jun-16", "June 2016": Excel turns "June
    2016" typed into the first of the month) is the month it shows, "2016-06", never June 1."""
    value = getattr(cell, "value", None)
    if isinstance(value, (dt.datetime, dt.date)):
        shown = re.sub(r'"[^"]*"|\[[^]]*\]|\\.', "", str(getattr(cell, "number_format", "") or "")).lower()
        if shown and "d" not in shown and "y" in shown:
            day = value.date() if isinstance(value, dt.datetime) else value
            return f"{day.year:04d}-{day.month:02d}" if "m" in shown else f"{day.year:04d}"
    return value


def _jsonl_records(source: Source) -> Iterator[tuple[int, Any]]:
    try:
        with _open_text(source) as fh:
            yield from _jsonl_lines(fh)
    except UnicodeDecodeError:
        raise InputError(_("Batch input {name} is not UTF-8 text; save it as UTF-8").format(
                name=source.path.name)) from None


def _jsonl_lines(fh: IO[str]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            data = parse_json(line)
        except DuplicateKey as exc:
            yield number, Row(number, problems=[Problem((), "", exc.describe())])
            continue
        except json.JSONDecodeError:
            yield number, Row(number, problems=[Problem((), "", _("is not valid JSON"))])
            continue
        except ValueError as exc:  # nested too deep, a number too long
            yield number, Row(number, problems=[Problem((), "", str(exc))])
            continue
        problem = structure_problem(data)
        if problem is not None:
            yield number, Row(number, problems=[Problem((), "", problem)])
            continue
        if not isinstance(data, dict):
            yield number, Row(number, problems=[Problem((), "", _("must be a JSON object of answers"))])
            continue
        yield number, data


def _folder_records(folder: Path) -> Iterator[tuple[int, Any]]:
    from .answers import read_answers_file

    files = sorted(
        p for p in folder.iterdir()
        if p.suffix.lower() in ANSWERS_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )
    for number, path in enumerate(files, start=1):
        try:
            data = read_answers_file(path)
        except InputError as exc:
            yield number, Row(number, problems=[Problem((), "", exc.message)], source=path.name)
            continue
        yield number, Row(number, data=data, source=path.name)


# -- the example sheet -------------------------------------------------------------------------------


def sheet_columns(model: type[BaseModel], example: dict[str, Any]) -> list[str]:
    """Every column of a kind's sheet, in the model's order; numbered groups as many times as the
    example uses them (at least once)."""
    columns: list[str] = [MATTER_ID]
    _walk(model, "", example, columns)
    return columns


def _walk(model: type[BaseModel], prefix: str, example: Any, out: list[str]) -> None:
    example = example if isinstance(example, dict) else {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = _model_in(info.annotation)
        if get_origin(_unoptional(info.annotation)) is list:
            item = get_args(_unoptional(info.annotation))[0]
            item_model = _model_in(item)
            values = example.get(name) if isinstance(example.get(name), list) else []
            for i in range(1, max(len(values), 1) + 1):
                value = values[i - 1] if i <= len(values) else {}
                if item_model is not None:
                    _walk(item_model, f"{path}.{i}.", value, out)
                else:
                    out.append(f"{path}.{i}")
        elif inner is not None:
            _walk(inner, f"{path}.", example.get(name), out)
        else:
            out.append(path)


def _unoptional(annotation: Any) -> Any:
    """Optional[X] -> X (other annotations as they are)."""
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unoptional(args[0])
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    annotation = _unoptional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """Nested answers -> {dotted column: cell text}; lists numbered from 1."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}{key}."))
    elif isinstance(data, list):
        for i, value in enumerate(data, start=1):
            out.update(flatten(value, f"{prefix}{i}."))
    else:
        text = cell_text(data)
        if text is not None:
            out[prefix.rstrip(".")] = text
    return out


def example_sheet(kind: str, *, example: str | None = None) -> tuple[list[str], list[str]]:
    """(headers, one sample row) for KIND, from its example answers file (``example``: another
    sample of the kind, relative to form_templates/)."""
    from .kinds import get_kind
    from .resources import SAFE_LOADER, template_file

    import yaml

    spec = get_kind(kind)
    sample = yaml.load(template_file(example or f"{spec.name}/example.yaml").read_text(encoding="utf-8"),
                       Loader=SAFE_LOADER)
    columns = sheet_columns(spec.model, sample)
    values = flatten(sample)
    values[MATTER_ID] = "matter-0001"
    unknown = sorted(set(values) - set(columns))
    if unknown:  # the example uses a field the model walk missed: a bug, not user input
        raise AssertionError(f"example columns missing from the sheet: {unknown}")
    return columns, [values.get(c, "") for c in columns]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell the tool writes to CSV or XLSX, neutralised the OWASP way: text a spreadsheet would
    read as a formula (starting with = + - @, a tab or a carriage return, after any spaces) gets a
    leading apostrophe, so `=HYPERLINK(...)` in a column name shows as text, never runs."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_START and value.strip(" "):
        return "'" + value
    return value


def write_csv(out: IO[str], headers: list[str], rows: list[list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([safe_cell(c) for c in row] for row in rows)


def xlsx_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    """A workbook with the headers (bold, frozen) and rows, every column formatted as text so a
    spreadsheet program keeps zip codes and case numbers as typed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "clients"
    sheet.append([safe_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(c) for c in row])
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(len(header) + 2, 12), 40)
        sheet.column_dimensions[letter].number_format = "@"
        for cell in sheet[letter][1:]:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def matter_folder(row: Row, *, width: int) -> tuple[str, Problem | None]:
    """The row's folder name: its `matter_id` (letters, digits, dot, dash, underscore; at most
    64) when given, else row-0001. Never anything else from the row."""
    default = f"row-{row.number:0{width}d}"
    raw = row.data.pop(MATTER_ID, None)
    if raw is None:
        return default, None
    text = cell_text(raw) if not isinstance(raw, (dict, list)) else None
    if text is None or not _ID.match(text.strip()) or text.strip().lower().startswith("row-"):
        return default, Problem.at_column(
            MATTER_ID, _("must be letters, digits, dots, dashes or underscores (at most 64), not starting with row-")
        )
    return text.strip(), None
