import io

import pytest

from cunwu.towns.committee import set_committee
from cunwu.towns.models import Role


@pytest.fixture
def ftown(town, enable_plugin):
    """西湖镇 with field check-ins on."""
    return enable_plugin(town, "fieldvisit")


@pytest.fixture
def people(ftown, make_user):
    """北沟村's committee (a director and a member), 向阳村's member, the town's discipline supervisor."""
    beigou, xiangyang = (ftown.villages.get(name=name) for name in ("北沟村", "向阳村"))
    found = {name: make_user(name, first_name=first) for name, first in
             (("beigou-zhuren", "王主任"), ("beigou-jianwei", "李监委"), ("xiangyang-jianwei", "赵监委"))}
    set_committee(beigou, [found["beigou-jianwei"]], found["beigou-zhuren"])
    set_committee(xiangyang, [found["xiangyang-jianwei"]])
    found["jiwei"] = make_user("jiwei", ftown, Role.SUPERVISOR, first_name="周纪委")
    return found


def jpeg_bytes(size=(64, 48), with_gps=True):
    """A phone-like photo: EXIF with the camera make and a GPS position."""
    from PIL import Image

    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if with_gps:
        exif[0x8825] = {1: "N", 2: (30.0, 15.0, 20.0), 3: "E", 4: (120.0, 9.0, 1.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
