"""Archival PDF engines compared: ms per PDF, peak RSS, install size and system libraries.

Each engine renders the same signed record (a two-page NDA snapshot, the signature PNG, the
metadata and the hash) in its own process, so that imports and memory do not mix:

- ``fpdf2``: the server's own renderer (``server_stub.archive_pdf.render``), pure Python;
- ``weasyprint``: the same content as one HTML page (the PNG as a data: URL);
- ``xhtml2pdf``: the same HTML page (ReportLab underneath).

WeasyPrint and xhtml2pdf are not dependencies of the project: install them in another venv
(``python3 -m venv /tmp/pdfbench && /tmp/pdfbench/bin/pip install weasyprint xhtml2pdf``) and
pass ``--other-python /tmp/pdfbench/bin/python``; an engine that cannot be imported is
reported as such.

    python benchmarks/pdf_render.py [--count 30] [--other-python PATH] [--uploads 100]

Last, ``--uploads`` signed records go through the server's upload (in process, SQLite): how
long the answer takes (the record stored) and when the background thread has their PDFs.
"""

from __future__ import annotations

import argparse
import base64
import ctypes.util
import io
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CLAUSES = [
    "Confidential information means everything the visitor sees, hears or is given during the "
    "visit, in any form, including drawings, prototypes, source code, customer names and plans.",
    "The visitor keeps confidential information secret, uses it only for the purpose of the "
    "visit and does not copy, photograph or record it.",
    "The obligation does not cover information that is public through no fault of the visitor, "
    "or that the visitor already knew lawfully before the visit.",
    "On request the visitor returns or destroys anything that holds confidential information.",
    "This agreement lasts five years from the date of the visit and is governed by German law.",
]


def sample_html() -> str:
    """A realistic NDA as a visitor sees it: headings, a dozen paragraphs, a list, a table."""
    paragraphs = "".join(
        f"<h2>{n}. Clause</h2><p>{text} {text}</p>" for n, text in enumerate(CLAUSES * 3, 1)
    )
    return (
        "<h1>Non-disclosure agreement</h1>"
        "<p>I, Zoë Ünal of Analytical Engines Ltd, visiting Grace Hopper at Berlin HQ on "
        "2027-01-15, agree to the following.</p>"
        "<ul><li>No photos</li><li>No recordings</li><li>Escort at all times</li></ul>"
        + paragraphs
        + "<table><tr><th>Visitor</th><td>Zoë Ünal</td></tr>"
        "<tr><th>Host</th><td>Grace Hopper</td></tr></table>"
    )


def signature_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).line(
        [(40, 220), (160, 60), (300, 240), (480, 80), (660, 210), (860, 110)],
        fill=(20, 30, 90, 255),
        width=7,
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def page_html(snapshot: str, png: bytes) -> str:
    """The archival page as one HTML document, for the HTML engines."""
    facts = [
        ("Document", "D7h2ab, version 3, en"),
        ("Visit", "V3kq9Zr2"),
        ("Kiosk", "Lobby 1"),
        ("Signed at", "2027-01-15 08:00:00 UTC"),
        ("Record", "1b2c3d4e-0000-4000-8000-000000000000"),
        ("SHA-256", "ab" * 32),
    ]
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    data = base64.b64encode(png).decode()
    return (
        "<html><head><meta charset='utf-8'><style>body{font-family:'DejaVu Sans';font-size:11pt}"
        "img{width:80mm}</style></head><body>"
        f"{snapshot}<h3>Signature</h3><img src='data:image/png;base64,{data}'>"
        f"<h3>Record</h3><table>{rows}</table></body></html>"
    )


WORKER = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, REPO)
from benchmarks.pdf_render import page_html, sample_html, signature_png
engine, count = sys.argv[1], int(sys.argv[2])
snapshot, png = sample_html(), signature_png()
start = time.perf_counter()
if engine == "fpdf2":
    from server_stub.archive_pdf import ArchiveRecord, render
    record = ArchiveRecord(record_id="1b2c3d4e-0000-4000-8000-000000000000",
        title="Non-disclosure agreement", html=snapshot, signature_png=png, sha256="ab" * 32,
        visit_id="V3kq9Zr2", document_id="D7h2ab", version=3, language="en", kiosk="Lobby 1",
        signed_at=1.8e9, received_at=1.8e9 + 5)
    make = lambda: render(record)
elif engine == "weasyprint":
    import weasyprint
    html = page_html(snapshot, png)
    make = lambda: weasyprint.HTML(string=html).write_pdf()
else:
    import io
    from xhtml2pdf import pisa
    html = page_html(snapshot, png)
    def make():
        out = io.BytesIO()
        pisa.CreatePDF(html, dest=out)
        return out.getvalue()
first = make()
first_ms = (time.perf_counter() - start) * 1000
times = []
for _ in range(count):
    t = time.perf_counter()
    pdf = make()
    times.append((time.perf_counter() - t) * 1000)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first_ms": first_ms, "median_ms": statistics.median(times),
                  "p95_ms": sorted(times)[int(len(times) * 0.95) - 1], "rss_mb": rss_mb,
                  "pdf_kb": len(pdf) / 1024}))
"""

PACKAGES = {"fpdf2": "fpdf2", "weasyprint": "weasyprint", "xhtml2pdf": "xhtml2pdf"}
SYSTEM_LIBRARIES = {
    "fpdf2": [],
    "weasyprint": ["pango-1.0", "pangoft2-1.0", "harfbuzz", "fontconfig"],
    "xhtml2pdf": [],
}

SIZE = r"""
import json, sys
from importlib import metadata
from packaging.requirements import Requirement
seen, total, todo = set(), 0, [sys.argv[1]]
while todo:
    name = todo.pop().lower().replace("_", "-")
    if name in seen:
        continue
    seen.add(name)
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        continue
    for f in dist.files or []:
        try:
            total += f.locate().stat().st_size
        except OSError:
            pass
    for req in dist.requires or []:
        parsed = Requirement(req)
        if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
            todo.append(parsed.name)
print(json.dumps({"mb": total / 1e6, "packages": sorted(seen)}))
"""


def run(python: str, engine: str, count: int) -> dict[str, object] | str:
    worker = subprocess.run(
        [python, "-c", f"REPO = {str(REPO)!r}\n" + WORKER, engine, str(count)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if worker.returncode != 0:
        last = (worker.stderr.strip().splitlines() or ["failed"])[-1]
        return f"not measured ({last[:120]})"
    result: dict[str, object] = json.loads(worker.stdout.strip().splitlines()[-1])
    size = subprocess.run(
        [python, "-c", SIZE, PACKAGES[engine]], capture_output=True, text=True, check=True
    )
    result.update(json.loads(size.stdout))
    return result


def uploads(count: int) -> None:
    """``count`` signed records uploaded to an in-process server (SQLite): the answer's time,
    then the time the background thread takes for their PDFs."""
    import statistics
    import tempfile
    import time
    import uuid

    sys.path.insert(0, str(REPO))
    from kiosk_app.core.signed_records import record_digest
    from server_stub import documents, signatures
    from server_stub.service import AtriumService

    with tempfile.TemporaryDirectory() as tmp:
        service, tenant_id, _ = AtriumService.initialise(Path(tmp) / "server", "Acme", "HQ")
        try:
            document_id = documents.publish(
                service, tenant_id, {"en": ("NDA", sample_html())}
            )["document_id"]
            code = service.create_pairing_code(tenant_id, None, "Lobby 1")["code"]
            device = service.authenticate(service.redeem_pairing_code(code)["device_token"])
            png, html = signature_png(), sample_html()
            b64, digest = base64.b64encode(png).decode(), record_digest(html, png)
            bodies = []
            for _ in range(count):
                visit = service.create_visit(tenant_id, visitor="Zoë Ünal", host="Grace Hopper")
                event_id = str(uuid.uuid4())
                service.push_checkins(device, [{"event_id": event_id, "pass": visit["pass"],
                                                "scanned_at": time.time(),
                                                "scanned_at_local": time.time()}])
                bodies.append({"record_id": str(uuid.uuid4()), "event_id": event_id,
                               "visit_id": None, "document_id": document_id, "version": 1,
                               "language": "en", "html": html, "signature_png": b64,
                               "strokes": [[[1.0, 2.0, 0.0]] * 200] * 5,
                               "signed_at": time.time(), "sha256": digest})
            answers = []
            start = time.perf_counter()
            for body in bodies:
                t = time.perf_counter()
                signatures.upload(service, device, body)
                answers.append((time.perf_counter() - t) * 1000)
            answered = time.perf_counter() - start
            service.pdf_worker.drain(600)
            rendered = time.perf_counter() - start
        finally:
            service.close()
    print(f"{count} uploads (SQLite, in process): answer median "
          f"{statistics.median(answers):.1f} ms, all answered in {answered:.2f} s; "
          f"their PDFs rendered {rendered:.2f} s after the first upload")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="PDFs per engine (after one)")
    parser.add_argument(
        "--other-python", default=sys.executable, help="interpreter with weasyprint, xhtml2pdf"
    )
    parser.add_argument("--uploads", type=int, default=100, help="signed records to upload")
    args = parser.parse_args()
    print(f"{'engine':<11} {'first ms':>9} {'ms/PDF':>8} {'p95 ms':>8} {'peak RSS':>9} "
          f"{'PDF KB':>7} {'install MB':>10}  system libraries")
    for engine in ("fpdf2", "weasyprint", "xhtml2pdf"):
        python = sys.executable if engine == "fpdf2" else args.other_python
        result = run(python, engine, args.count)
        libraries = SYSTEM_LIBRARIES[engine]
        found = [f"{lib} ({'found' if ctypes.util.find_library(lib) else 'missing'})"
                 for lib in libraries]
        if isinstance(result, str):
            print(f"{engine:<11} {result}")
            continue
        print(
            f"{engine:<11} {result['first_ms']:9.0f} {result['median_ms']:8.1f} "
            f"{result['p95_ms']:8.1f} {result['rss_mb']:7.0f} MB {result['pdf_kb']:7.0f} "
            f"{result['mb']:10.1f}  {', '.join(found) or 'none'}"
        )
        print(f"{'':<11} packages: {', '.join(result['packages'])}")  # type: ignore[arg-type]
    if args.uploads:
        uploads(args.uploads)


if __name__ == "__main__":
    main()
