"""The hub's configuration: environment variables (``HUB_*``), an optional ``hub.toml``, sensible defaults.

A first run needs none: the store is a SQLite file under ``.hub/`` in the working directory and the
sources are looked for in one folder (``--sources DIR`` or ``HUB_SOURCES_DIR``) holding ``hr.db``,
``poverty.db``, ``finance.db`` and ``ledgers/`` as ``hub sources generate`` writes them.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_STORE_URL = "sqlite:///.hub/store.db"


class Settings(BaseSettings):
    """Where the store and each source are; every field can be set as ``HUB_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="HUB_", toml_file="hub.toml", extra="ignore")

    store_url: str = Field(DEFAULT_STORE_URL, description="SQLAlchemy URL of the unified store")
    sources_dir: Path | None = Field(None, description="a generated source set: three databases and ledgers/")
    hr_url: SecretStr | None = Field(None, description="HR department database URL (may hold a password)")
    poverty_url: SecretStr | None = Field(None, description="poverty-alleviation office database URL")
    finance_url: SecretStr | None = Field(None, description="finance department database URL")
    ledger_dir: Path | None = Field(None, description="folder of village follow-up ledgers (.xlsx)")
    batch_size: int = Field(5000, gt=0, description="source rows per ingest transaction")
    host: str = Field("127.0.0.1", description="address `hub serve` listens on")
    port: int = Field(8000, ge=0, le=65535, description="port `hub serve` listens on")
    workers: int = Field(1, gt=0, description="uvicorn worker processes for `hub serve`")
    page_size: int = Field(20, ge=0, description="page size of a list when `first` is not given")
    page_cap: int = Field(100, gt=0, description="the most rows one page of a list may ask for")
    max_depth: int = Field(12, gt=0, description="deepest nesting of fields an operation may have")
    max_aliases: int = Field(30, ge=0, description="most aliased fields in one operation")
    max_cost: int = Field(200_000, gt=0, description="most objects an operation may be able to produce")
    graphiql: bool = Field(True, description="serve the GraphiQL page at /graphql (introspection is per client)")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls)

    def source_locations(self) -> dict[str, str]:
        """Each configured source's URL or folder; explicit settings win over ``sources_dir``."""
        found: dict[str, str] = {}
        if self.sources_dir is not None:
            base = self.sources_dir.resolve()
            for name in ("hr", "poverty", "finance"):
                found[name] = f"sqlite:///{base / f'{name}.db'}"
            found["ledger"] = str(base / "ledgers")
        for name in ("hr", "poverty", "finance"):
            value: SecretStr | None = getattr(self, f"{name}_url")
            if value is not None:
                found[name] = value.get_secret_value()
        if self.ledger_dir is not None:
            found["ledger"] = str(self.ledger_dir)
        return found
