import pytest

from tests.factories import OrganizationFactory
from thidua.text import fold, nfc
from units.models import Organization

pytestmark = pytest.mark.django_db


def test_path_and_subtree_follow_the_tree():
    root = OrganizationFactory(code="root")
    child = OrganizationFactory(parent=root, code="child")
    grandchild = OrganizationFactory(parent=child, code="grandchild")
    other = OrganizationFactory(code="other")
    assert grandchild.path == f"/{root.pk}/{child.pk}/{grandchild.pk}/"
    assert grandchild.depth == 2
    assert set(Organization.objects.subtree(child)) == {child, grandchild}
    assert other not in Organization.objects.subtree(root)
    assert grandchild.ancestors() == [root, child]


def test_moving_a_node_moves_its_subtree():
    a = OrganizationFactory(code="a")
    b = OrganizationFactory(code="b")
    child = OrganizationFactory(parent=a, code="c")
    leaf = OrganizationFactory(parent=child, code="d")
    child.parent = b
    child.save()
    leaf.refresh_from_db()
    assert leaf.path == f"/{b.pk}/{child.pk}/{leaf.pk}/"
    assert set(Organization.objects.subtree(b)) == {b, child, leaf}


def test_cycle_is_refused():
    from django.core.exceptions import ValidationError

    a = OrganizationFactory(code="a")
    b = OrganizationFactory(parent=a, code="b")
    a.parent = b
    with pytest.raises(ValidationError):
        a.full_clean()


def test_search_ignores_diacritics_and_case():
    target = OrganizationFactory(name="Đảng ủy xã Chiềng Mung", code="cm")
    OrganizationFactory(name="Đảng ủy xã Cò Nòi", code="cn")
    assert list(Organization.objects.search("chieng mung")) == [target]
    assert list(Organization.objects.search("CHIỀNG  mung")) == [target]
    assert list(Organization.objects.search("dang uy xa chieng")) == [target]


def test_names_are_stored_nfc():
    decomposed = "Chie\u0300\u0302ng Mung"  # composed differently from "Chiềng"
    org = OrganizationFactory(name=decomposed, code="nfc")
    org.refresh_from_db()
    assert org.name == nfc(decomposed)
    assert fold(org.name) == "chieng mung"


def test_printed_header_uses_header_name_in_capitals():
    org = OrganizationFactory(name="Tỉnh ủy Sơn La", header_name="Đảng bộ tỉnh Sơn La", code="tu")
    assert org.printed_header == "ĐẢNG BỘ TỈNH SƠN LA"
