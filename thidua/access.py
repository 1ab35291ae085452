"""Permissions said once: each rule answers one question both ways, for one object and as a queryset filter.

A `Rule` is built from small leaves (`member_of`, `field_in`, `superuser`, or a `leaf` giving both forms of a
question the leaves cannot say) combined with `|`, `&` and `~`; `rule(user, obj)` is the predicate views call,
`rule.q(user)` the Q that scopes lists (`rule.scope(user, queryset)`), so a view cannot check one thing and list
another. `rule.via("campaign")` asks the same question of a related object (the nomination's campaign), both ways.

Every pair a selector uses is registered with `scoped(model, rule)`; tests/test_access.py checks, for each, that the
predicate and the queryset agree on every user × object of a fixture.
"""

from operator import attrgetter

from django.db.models import Q

ALL = Q(pk__isnull=False)
NONE = Q(pk__in=[])

# (name, model, rule) of every scoped queryset (the agreement test walks them).
SCOPES = []


class Rule:
    def __init__(self, check, q, name=""):
        """check(user, obj) -> bool; q(user, prefix) -> Q over the model, lookups prefixed with `prefix`."""
        self._check = check
        self._q = q
        self.name = name

    def __call__(self, user, obj):
        return bool(self._check(user, obj))

    def q(self, user, prefix=""):
        return self._q(user, prefix)

    def scope(self, user, queryset):
        """The rows of `queryset` the rule allows the user."""
        return queryset.filter(self.q(user))

    def __or__(self, other):
        return Rule(
            lambda u, o: self(u, o) or other(u, o),
            lambda u, p: self.q(u, p) | other.q(u, p),
            f"({self.name} | {other.name})",
        )

    def __and__(self, other):
        return Rule(
            lambda u, o: self(u, o) and other(u, o),
            lambda u, p: self.q(u, p) & other.q(u, p),
            f"({self.name} & {other.name})",
        )

    def __invert__(self):
        return Rule(lambda u, o: not self(u, o), lambda u, p: ~self.q(u, p), f"~{self.name}")

    def via(self, path):
        """The same rule asked of the related object at `path` (dotted by `__`)."""
        get = attrgetter(path.replace("__", "."))
        return Rule(lambda u, o: self(u, get(o)), lambda u, p: self.q(u, f"{p}{path}__"), f"{self.name}@{path}")

    def __repr__(self):
        return f"<Rule {self.name}>"


def leaf(name, check, q):
    """A question the small leaves cannot say, given in both forms."""
    return Rule(check, q, name)


def _value(obj, path):
    """obj.a.b_id for "a__b" (an id, without loading the related row when it can)."""
    *head, last = path.split("__")
    for part in head:
        obj = getattr(obj, part)
        if obj is None:
            return None
    field = obj._meta.get_field(last)
    return getattr(obj, field.attname)


superuser = leaf(
    "superuser",
    lambda user, obj: user.is_authenticated and user.is_superuser,
    lambda user, prefix: ALL if user.is_authenticated and user.is_superuser else NONE,
)


def member_of(path, roles=None):
    """The user is head or staff (or holds one of `roles`) of the organisation at `path`."""
    from units.selectors import MANAGING_ROLES, organization_ids_for

    roles = roles or MANAGING_ROLES

    def check(user, obj):
        return user.is_authenticated and _value(obj, path) in organization_ids_for(user, roles=roles)

    def q(user, prefix):
        if not user.is_authenticated:
            return NONE
        return Q(**{f"{prefix}{path}__in": organization_ids_for(user, roles=roles)})

    return leaf(f"member_of({path})", check, q)


def field_in(path, *values):
    """The object's field at `path` holds one of `values` (a state, a kind)."""
    values = tuple(values)
    return leaf(
        f"{path} in {values}",
        lambda user, obj: _value(obj, path) in values,
        lambda user, prefix: Q(**{f"{prefix}{path}__in": values}),
    )


def scoped(model, rule, name=""):
    """Register (model, rule) as a scoped queryset and return `rows(user)`: the model's rows the rule allows."""
    SCOPES.append((name or f"{model.__name__}", model, rule))

    def rows(user):
        if not user.is_authenticated:
            return model.objects.none()
        return rule.scope(user, model.objects.all())

    return rows
