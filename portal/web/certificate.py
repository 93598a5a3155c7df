"""The signing certificate as a PDF (fpdf2), in DejaVu Sans shipped with the package."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from portal.usecases.sign_links import Certificate, SignLink
from portal.web.agreement_html import groups
from portal.wording import pupil_name, pupil_names

FONTS = Path(__file__).parent / "fonts"
_LINE = 5.5


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.cell(0, 5, f"Signoff certificate · page {self.page_no()}/{{nb}}", align="C")


def certificate_pdf(facts: Certificate) -> bytes:
    """Render the certificate; CPU-bound, so web callers run it in a thread."""
    pdf = _start(facts)
    _summary(pdf, facts)
    _evidence(pdf, facts.link)
    _trail(pdf, facts)
    _text(pdf, facts)
    return bytes(pdf.output())


def _start(facts: Certificate) -> _Pdf:
    pdf = _Pdf(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVuMono", "", str(FONTS / "DejaVuSansMono.ttf"))
    version = facts.link.version
    assert version is not None
    pdf.set_title(f"Certificate: {facts.link.title} {version.label}")
    pdf.set_subject(f"SHA-256 {version.sha256}")
    pdf.set_keywords(version.sha256)
    pdf.set_creator("Signoff")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    return pdf


def _heading(pdf: _Pdf, text: str, size: int = 13) -> None:
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _pair(pdf: _Pdf, label: str, value: str, mono: bool = False) -> None:
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.cell(42, _LINE, label)
    pdf.set_font("DejaVuMono" if mono else "DejaVu", "", 9 if mono else 9.5)
    pdf.multi_cell(0, _LINE, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _summary(pdf: _Pdf, facts: Certificate) -> None:
    link, version = facts.link, facts.link.version
    assert version is not None
    _heading(pdf, "Certificate of acknowledgement", 17)
    _pair(pdf, "School", link.school_name)
    _pair(
        pdf,
        "Agreement",
        f"{link.title}, version {version.label} (in force from {version.effective.isoformat()})",
    )
    _pair(pdf, "Signed by", link.person_name)
    if link.pupils:
        _pair(pdf, "For", pupil_names(link.pupils))
    _pair(pdf, "Statement agreed", version.statement)
    _pair(pdf, "Text SHA-256", version.sha256, mono=True)


def _evidence(pdf: _Pdf, link: SignLink) -> None:
    _heading(pdf, "Evidence recorded")
    names = {str(p.id): pupil_name(p) for p in link.pupils}
    for ack in link.signed:
        who = names.get(ack.subject_key, "the signer")
        _pair(pdf, "Acknowledgement", f"#{ack.acknowledgement_id}, for {who}")
        _pair(pdf, "Typed name", ack.typed_name)
        _pair(pdf, "Signed at (UTC)", ack.signed_at.astimezone(UTC).isoformat(timespec="seconds"))
        _pair(pdf, "Channel", f"{ack.channel}; assurance {ack.assurance}")
        _pair(pdf, "IP address", ack.ip or "not recorded")
        _pair(pdf, "Browser", ack.user_agent or "not recorded")
        _pair(pdf, "Version SHA-256", ack.version_sha256, mono=True)
        pdf.ln(2)


def _trail(pdf: _Pdf, facts: Certificate) -> None:
    _heading(pdf, "Audit trail for this invitation")
    pdf.set_font("DejaVu", size=8.5)
    pdf.multi_cell(
        0,
        4.5,
        "Each entry is sealed with a SHA-256 hash that covers the entry before "
        "it, so any later change to the record breaks the chain.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(1)
    for event in facts.trail:
        at = event.at.astimezone(UTC).isoformat(timespec="seconds")
        _pair(pdf, f"#{event.seq} {event.action}", f"{at} by {event.actor}")
        _pair(pdf, "", event.hash, mono=True)


def _text(pdf: _Pdf, facts: Certificate) -> None:
    version = facts.link.version
    assert version is not None
    pdf.add_page()
    _heading(pdf, f"The text signed: {facts.link.title}, version {version.label}")
    for group in groups(version.clauses):
        if group.heading:
            _heading(pdf, group.heading, 11)
        for clause in group.clauses:
            _clause(pdf, clause.number, [i for b in clause.blocks for i in _lines(b.kind, b.items)])


def _lines(kind: str, items: tuple[str, ...]) -> list[str]:
    return [f"•  {i}" for i in items] if kind == "ul" else list(items)


def _clause(pdf: _Pdf, number: str, paragraphs: list[str]) -> None:
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.cell(16, _LINE, number)
    pdf.set_font("DejaVu", size=9.5)
    x = pdf.get_x()
    for paragraph in paragraphs:
        pdf.set_x(x)
        pdf.multi_cell(0, _LINE, paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
