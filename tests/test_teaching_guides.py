"""The teacher's guides, English and Chinese: linked from each other and from the READMEs, every local link
resolving, the Chinese one opening the Chinese edition, and both naming the mirror settings the install reads."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE_EN = ROOT / "docs" / "teaching.md"
GUIDE_ZH = ROOT / "docs" / "teaching.zh-CN.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def links(page: Path) -> set[str]:
    return set(LINK.findall(page.read_text(encoding="utf-8")))


def code_lines(page: Path) -> list[str]:
    """The lines inside the page's fenced code blocks, comments dropped."""
    lines, inside = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line.split("#")[0].strip())
    return lines


def test_the_guides_link_each_other_and_the_readmes_link_both():
    assert "teaching.zh-CN.md" in links(GUIDE_EN)
    assert "teaching.md" in links(GUIDE_ZH)
    assert "docs/teaching.zh-CN.md" in links(ROOT / "README.zh-CN.md")
    assert "docs/teaching.zh-CN.md" in links(ROOT / "README.md")


@pytest.mark.parametrize("page", [GUIDE_EN, GUIDE_ZH], ids=lambda p: p.name)
def test_every_local_link_of_a_guide_resolves(page):
    local = [target.split("#")[0] for target in links(page) if not re.match(r"[a-z]+:", target)]
    assert local
    missing = [target for target in local if not (page.parent / target).exists()]
    assert not missing, f"{page.name} links to files that do not exist: {missing}"


def test_the_chinese_guide_opens_the_chinese_edition():
    commands = code_lines(GUIDE_ZH)
    jupyter = [line for line in commands if line.startswith("jupyter lab")]
    assert jupyter and all(line == "jupyter lab notebooks/zh/" for line in jupyter)
    make = [line for line in commands if line.startswith("make lab")]
    assert make[0] == "make lab-zh"
    assert [line for line in make if line.split()[1] == "lab"] == ["make lab"]  # the one line naming the English


@pytest.mark.parametrize("page", [GUIDE_EN, GUIDE_ZH], ids=lambda p: p.name)
def test_both_guides_name_the_mirror_settings_the_install_reads(page):
    install_torch = (ROOT / "tools" / "install_torch.py").read_text(encoding="utf-8")
    assert 'os.environ.get("TORCH_CPU_INDEX_URL"' in install_torch
    text = page.read_text(encoding="utf-8")
    for setting in ("PIP_INDEX_URL", "pip config --user set global.index-url", ".condarc", "TORCH_CPU_INDEX_URL",
                    "make wheelhouse", "python tools/install.py"):
        assert setting in text, f"{page.name} does not mention {setting}"
