"""Camera names from a sysfs-like folder; generic indexes where the platform has none."""

from __future__ import annotations

from pathlib import Path

from kiosk_app.scanner.camera_list import CameraChoice, list_cameras


def node(root: Path, name: str, camera: str | None, index: str | None = "0") -> None:
    folder = root / name
    folder.mkdir(parents=True)
    if camera is not None:
        (folder / "name").write_text(camera + "\n")
    if index is not None:
        (folder / "index").write_text(index + "\n")


def test_linux_cameras_by_name_without_metadata_nodes(tmp_path: Path) -> None:
    node(tmp_path, "video0", "HD Pro Webcam C920")
    node(tmp_path, "video1", "HD Pro Webcam C920", index="1")  # its metadata node
    node(tmp_path, "video10", "Integrated Camera: Integrated C")
    node(tmp_path, "video2", None, index=None)  # a node that says nothing
    (tmp_path / "v4l-subdev0").mkdir()
    assert list_cameras(tmp_path, "linux") == [
        CameraChoice("0", "HD Pro Webcam C920"),
        CameraChoice("2", None),
        CameraChoice("10", "Integrated Camera: Integrated C"),
    ]


def test_linux_with_an_empty_sysfs_has_no_cameras(tmp_path: Path) -> None:
    assert list_cameras(tmp_path, "linux") == []


def test_other_platforms_and_missing_sysfs_offer_indexes(tmp_path: Path) -> None:
    generic = [CameraChoice("0"), CameraChoice("1"), CameraChoice("2")]
    assert list_cameras(tmp_path / "absent", "linux") == generic
    node(tmp_path, "video0", "ignored on Windows")
    assert list_cameras(tmp_path, "win32") == generic
