"""ORM models of a workspace (SQLAlchemy 2 declarative, portable to SQLite and PostgreSQL).

Product-specific parameters, indicators and operating fields are kept in ``Equipment.fields``, a JSON
object of canonical field name -> number or text, so no value is ever rounded or re-unit-ed on save.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Enterprise(Base):
    __tablename__ = "enterprise"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # GB 32100-2015 code, checked before it is stored; NULL when not given (NULLs never collide).
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    region: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(200))
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sites: Mapped[list[Site]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True, order_by="Site.id"
    )
    equipment: Mapped[list[Equipment]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True
    )
    imports: Mapped[list[ImportRecord]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True
    )


class Site(Base):
    __tablename__ = "site"
    __table_args__ = (UniqueConstraint("enterprise_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))

    enterprise: Mapped[Enterprise] = relationship(back_populates="sites")


class Equipment(Base):
    __tablename__ = "equipment"
    __table_args__ = (UniqueConstraint("enterprise_id", "asset_tag"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"), index=True)
    asset_tag: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(200))
    product: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(200))
    manufacturer: Mapped[str | None] = mapped_column(String(200))
    year_installed: Mapped[int | None] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id", ondelete="SET NULL"), index=True)
    annual_hours: Mapped[float | None] = mapped_column(Double)
    load_factor: Mapped[float | None] = mapped_column(Double)
    notes: Mapped[str | None] = mapped_column(Text)
    # canonical field -> float | int | str | bool; absent key = missing (never 0)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # provenance of the last import: the sheet and the row number the user sees
    source_sheet: Mapped[str | None] = mapped_column(String(200))
    source_row: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    enterprise: Mapped[Enterprise] = relationship(back_populates="equipment")
    site: Mapped[Site | None] = relationship()


class Assessment(Base):
    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    catalog_edition: Mapped[str | None] = mapped_column(String(100))
    catalog_sha256: Mapped[str | None] = mapped_column(String(64))
    software_version: Mapped[str | None] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    enterprise: Mapped[Enterprise] = relationship(back_populates="assessments")


class ImportRecord(Base):
    """One import of a ledger file into an enterprise: which file, when, and what became of its rows."""

    __tablename__ = "import_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_rows: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    rejected_rows: Mapped[int] = mapped_column(Integer)
    # Rejection.to_json() dicts: sheet, row, column, value, reason, severity
    rejected_cells: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    warning_cells: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    enterprise: Mapped[Enterprise] = relationship(back_populates="imports")


class WorkspaceMeta(Base):
    """Small key/value facts about the workspace (e.g. that the sample data was offered once)."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
