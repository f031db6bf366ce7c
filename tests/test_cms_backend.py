"""The web editor's local backend (devserver/cms_backend.py), without a browser.

Decap CMS's local backend protocol answered on a copy of the tests' site:
file names as today (``{slug}.md``), registries kept as lists with their
comments, saves that change only what changed, English sides completed, and
nothing outside posts, registries and photos readable or writable, nor any
request from another origin or not JSON.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import urllib.error
import urllib.request

import pytest
import yaml
from PIL import Image

# The editor names files by its own folder name (cms_admin.config.CONTENT),
# here the tests' copy of tests/fixtures/site, never the live content/.
from devserver.cms_backend import PREFIX, CmsBackend, _dump, merge
from devserver.server import make_server
from tests.sitebuild import copy_content

POST = f"{PREFIX}posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2"


@pytest.fixture
def backend(tmp_path):
    content = copy_content(tmp_path / "content")
    return CmsBackend(content), content


def _call(backend: CmsBackend, action: str, **params):
    status, answer = backend.handle(json.dumps({"action": action, "params": params}))
    return status, answer


def test_posts_are_listed_with_decap_names_and_saved_under_todays(backend):
    cms, content = backend
    status, entries = _call(cms, "entriesByFolder", folder=f"{PREFIX}posts", depth=2)
    assert status == 200
    paths = {entry["file"]["path"] for entry in entries}
    assert f"{POST}.vi.md" in paths and f"{POST}.en.md" in paths
    assert not any(
        p.endswith(".md") and ".vi." not in p and ".en." not in p for p in paths
    )
    _, entry = _call(cms, "getEntry", path=f"{POST}.vi.md")
    assert entry["data"] == (content / POST.removeprefix(PREFIX)).with_suffix(
        ".md"
    ).read_text("utf-8")


def test_a_save_keeps_comments_order_quoting_and_body_of_what_did_not_change(
    backend,
):
    cms, content = backend
    path = content / "posts" / "2020" / "giao-ban-quan-uy-quan-doan-2020-lan-2.md"
    text = path.read_text("utf-8").replace(
        "signature: BQĐ", "# chữ ký của ban\nsignature: 'BQĐ'"
    )
    path.write_text(text, encoding="utf-8")
    front, body = text.split("---\n")[1:3]
    data = yaml.safe_load(front)
    data["summary"] = "Tóm tắt mới."
    data["featured"] = False  # a switch the form adds, never set
    data["photos"] = []  # an empty list the form adds
    raw = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True)
    status, _ = _call(
        cms,
        "persistEntry",
        dataFiles=[{"path": f"{POST}.vi.md", "raw": raw + "---\n" + body}],
    )
    assert status == 200
    old_summary = next(x for x in text.splitlines() if x.startswith("summary:"))
    assert path.read_text("utf-8") == text.replace(old_summary, "summary: Tóm tắt mới.")


def test_new_texts_the_build_would_misread_are_quoted():
    node = merge({}, {"time": "14:30", "place": "yes", "date": "2024-03-15"})
    loaded = yaml.safe_load(_dump(node))
    assert loaded["time"] == "14:30" and loaded["place"] == "yes"
    assert str(loaded["date"]) == "2024-03-15"


def test_registries_are_edited_as_a_mapping_and_saved_as_a_list(backend):
    cms, content = backend
    units = content / "data" / "units.yml"
    before = units.read_text("utf-8")
    _, entry = _call(cms, "getEntry", path=f"{PREFIX}data/units.yml")
    data = yaml.safe_load(entry["data"])
    assert isinstance(data["units"], list)
    first = data["units"][0]
    assert "tan binh" in next(
        u["search"] for u in data["units"] if u["key"] == "quan-doan-tan-binh"
    )
    tan_binh = next(u for u in data["units"] if u["key"] == "quan-doan-tan-binh")
    assert tan_binh["label"] == (
        "Quận Đoàn Tân Bình · Quận, huyện · thuộc Thành đoàn TP. Hồ Chí Minh"
    )  # shown by the pickers, like the search text; neither is ever written
    first["short"] = "TW Đoàn"
    raw = yaml.safe_dump(data, allow_unicode=True)
    status, _ = _call(
        cms, "persistEntry", dataFiles=[{"path": f"{PREFIX}data/units.yml", "raw": raw}]
    )
    assert status == 200
    after = units.read_text("utf-8")
    assert after == before.replace("short: Trung ương Đoàn\n", "short: TW Đoàn\n", 1)


def test_the_english_side_gets_its_language_slug_keyed_roles_and_no_facts(backend):
    """The form lists English roles in the order of the original's speakers;
    the file keys them by speaker, as the content model reads them."""
    cms, content = backend
    path = content / POST.removeprefix(PREFIX)
    translation = path.with_suffix(".en.md")
    translation.unlink()  # a new English side
    raw = (
        "---\ntitle: A new title\nslug: ''\nunits: [x]\nroles:\n- Chair\n- ''\n"
        "- Guest\n---\nBody.\n"
    )
    status, _ = _call(
        cms, "persistEntry", dataFiles=[{"path": f"{POST}.en.md", "raw": raw}]
    )
    assert status == 200
    data = yaml.safe_load(translation.read_text("utf-8").split("---")[1])
    assert data["lang"] == "en"
    assert data["slug"] == "giao-ban-quan-uy-quan-doan-2020-lan-2"
    # The first speaker by their key; the original has no third (make check
    # reports that position, nothing is dropped).
    assert data["roles"] == {"pham-thi-thanh": "Chair", 3: "Guest"}
    assert "units" not in data
    _, entry = _call(cms, "getEntry", path=f"{POST}.en.md")
    assert yaml.safe_load(entry["data"].split("---")[1])["roles"] == ["Chair"]


def test_english_roles_follow_their_speakers_and_keep_their_keys(backend):
    cms, content = backend
    translation = content / (POST.removeprefix(PREFIX) + ".en.md")
    text = translation.read_text("utf-8")
    text = text.replace("  phan-le-huy-hoang:", "  Phan Lê Huy Hoàng:")  # by name
    text = text.replace("roles:\n", "roles:\n  nobody-here: Stray role\n")
    translation.write_text(text, encoding="utf-8")
    _, entry = _call(cms, "getEntry", path=f"{POST}.en.md")
    front = yaml.safe_load(entry["data"].split("---")[1])
    assert front["roles"][1].startswith("Member of the District Party Committee")
    front["roles"][1] = "Deputy Secretary"
    raw = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nBody.\n"
    assert (
        _call(cms, "persistEntry", dataFiles=[{"path": f"{POST}.en.md", "raw": raw}])[0]
        == 200
    )
    roles = yaml.safe_load(translation.read_text("utf-8").split("---")[1])["roles"]
    assert roles["Phan Lê Huy Hoàng"] == "Deputy Secretary"  # its spelling kept
    assert roles["pham-thi-thanh"].startswith("Member of the Standing Committee")
    assert roles["nobody-here"] == "Stray role"  # names nothing: kept, reported


def test_an_untranslated_english_side_writes_no_file(backend):
    cms, content = backend
    raw = "---\nslug: nhap\n---\n"
    path = f"{PREFIX}posts/2024/nhap.en.md"
    assert _call(cms, "persistEntry", dataFiles=[{"path": path, "raw": raw}])[0] == 200
    assert not (content / "posts" / "2024" / "nhap.en.md").exists()


def test_photos_are_saved_in_content_photos(backend):
    cms, content = backend
    asset = {
        "path": f"{PREFIX}photos/2024/anh.jpg",
        "content": base64.b64encode(b"\xff\xd8jpeg").decode(),
        "encoding": "base64",
    }
    status, answer = _call(cms, "persistMedia", asset=asset)
    assert status == 200 and answer["path"] == f"{PREFIX}photos/2024/anh.jpg"
    assert (content / "photos" / "2024" / "anh.jpg").read_bytes() == b"\xff\xd8jpeg"
    status, _ = _call(
        cms, "persistMedia", asset={**asset, "path": f"{PREFIX}posts/a.jpg"}
    )
    assert status == 403


@pytest.mark.parametrize(
    "path",
    [
        f"{PREFIX}../pelicanconf.py",
        "/etc/passwd",
        f"{PREFIX}data/site.yml",
        "pelicanconf.py",
        f"{PREFIX}posts/../../x.md",
        f"{PREFIX}theme/x.md",
    ],
)
def test_nothing_outside_posts_registries_and_photos_is_reachable(backend, path):
    cms, _ = backend
    assert _call(cms, "getEntry", path=path)[0] == 403
    raw = "---\ntitle: x\n---\n"
    status, _ = _call(cms, "persistEntry", dataFiles=[{"path": path, "raw": raw}])
    assert status == 403


@pytest.fixture
def server(backend):
    _, content = backend
    httpd = make_server(str(content), "127.0.0.1", 0, content=str(content))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url + "/api/v1", body, headers, method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_only_same_origin_json_requests_are_answered(server):
    info = json.dumps({"action": "info"}).encode()
    json_type = {"Content-Type": "application/json"}
    assert _post(server, info, json_type) == 200
    assert _post(server, info, {"Content-Type": "text/plain"}) == 415
    evil = {**json_type, "Origin": "http://evil.example"}
    assert _post(server, info, evil) == 403
    host = server.removeprefix("http://")
    assert _post(server, info, {**json_type, "Origin": f"http://{host}"}) == 200


def test_the_media_library_lists_small_previews_of_the_photos(backend):
    cms, content = backend
    folder = content / "photos" / "2024"
    folder.mkdir(parents=True)
    Image.new("RGB", (3000, 2000), (10, 120, 30)).save(folder / "lon.jpg", quality=95)
    (folder / "hong.jpg").write_bytes(b"not a jpeg")
    status, media = _call(cms, "getMedia", mediaFolder=f"{PREFIX}photos")
    assert status == 200
    by_path = {m["path"]: m for m in media}
    preview = base64.b64decode(by_path[f"{PREFIX}photos/2024/lon.jpg"]["content"])
    with Image.open(io.BytesIO(preview)) as image:
        assert max(image.size) <= 320
    assert by_path[f"{PREFIX}photos/2024/hong.jpg"]["content"] == ""
    _, whole = _call(cms, "getMediaFile", path=f"{PREFIX}photos/2024/lon.jpg")
    assert base64.b64decode(whole["content"]) == (folder / "lon.jpg").read_bytes()
