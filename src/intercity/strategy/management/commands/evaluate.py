"""``intercity evaluate --workspace SLUG [--budget N] [--hours N] [--weights crit=w,...] [--seed N]
[--draws N] [--top N] [--json] [--save NAME [--note TEXT] [--user USERNAME]]``.

Scores every network of the atlas for the workspace, ranks them and proposes the best portfolio within the
budget and staff hours, exactly as the decisions page and ``GET /api/workspaces/<slug>/evaluate/`` do
(``strategy.actions.evaluate``). The options replace the saved priorities for this run only; they are
validated as the API validates its query. ``--json`` prints the evaluation as the API answers it;
``--save`` stores it as a run, made by ``--user`` (an editor or owner of the workspace) or, without it, by
the workspace's first owner.
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from intercity.analysis.mcda import MCDAError
from intercity.analysis.portfolio import PortfolioError
from intercity.core.choices import Role
from intercity.core.models import Workspace, WorkspaceMember
from intercity.core.tenancy import role_of
from intercity.engagement.choices import PortfolioStatus
from intercity.strategy import actions
from intercity.strategy.api.private import WhatIfQuerySerializer, evaluate_options
from intercity.strategy.choices import Criterion, Recommendation

#: Rows of the ranking printed unless --top says otherwise.
DEFAULT_TOP = 20


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Score every network on the seven criteria for a workspace, rank them (weighted sum and TOPSIS, "
            "with their robustness to the weights) and propose the best portfolio within the budget and staff "
            "hours: keep, join, reconsider or leave, with the reasons. Options replace the saved priorities "
            "for this run only."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workspace", required=True, metavar="SLUG", help=_("the workspace's identifier")
        )
        parser.add_argument(
            "--budget",
            type=float,
            metavar="N",
            help=_("budget for fees per year, in the priorities' currency"),
        )
        parser.add_argument("--hours", type=float, metavar="N", help=_("staff hours available per month"))
        parser.add_argument(
            "--weights",
            metavar="CRITERION=W,...",
            help=_(
                "direct weights, e.g. visibility=3,lobbying=1 (criteria not named weigh zero): %(criteria)s"
            )
            % {"criteria": ", ".join(Criterion.values)},
        )
        parser.add_argument("--seed", type=int, metavar="N", help=_("seed of the sensitivity analysis"))
        parser.add_argument(
            "--draws", type=int, metavar="N", help=_("random draws of the sensitivity analysis")
        )
        parser.add_argument(
            "--top",
            type=int,
            default=DEFAULT_TOP,
            metavar="N",
            help=_("networks listed in the ranking (default %(default)s; 0 lists all)"),
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=_("print the whole evaluation as JSON (as the API answers it)"),
        )
        parser.add_argument("--save", metavar="NAME", help=_("save the evaluation as a run with this name"))
        parser.add_argument("--note", default="", help=_("a note saved with the run (with --save)"))
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("who saves the run (an editor or owner; default: the workspace's first owner)"),
        )

    def handle(self, *args, **options):
        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": options["workspace"]})
        if (options["note"] or options["user"]) and not options["save"]:
            raise CommandError(_("--note and --user go with --save."))
        if options["top"] < 0:
            raise CommandError(_("--top is 0 (all) or more."))
        what_if = self.what_if(options)
        user = self.saving_user(workspace, options["user"]) if options["save"] else None
        evaluation = self.evaluate(workspace, what_if, verbose=options["verbosity"] > 0)
        if options["json"]:
            self.stdout.write(json.dumps(evaluation, ensure_ascii=False, indent=2))
        else:
            self.print_ranking(evaluation, options["top"])
            self.print_portfolio(evaluation)
        if options["save"]:
            try:
                run = actions.save_run(
                    workspace, evaluation, name=options["save"], note=options["note"], user=user
                )
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            # With --json the standard output holds the JSON only: the confirmation goes to stderr.
            stream = self.stderr if options["json"] else self.stdout
            stream.write(
                _("Saved the run “%(name)s” (id %(id)s): %(url)s")
                % {"name": run.name, "id": run.pk, "url": run.get_absolute_url()}
            )

    def what_if(self, options):
        """The options that replace the priorities, validated as the API validates its query."""
        data = {name: options[name] for name in ("budget", "hours", "weights", "seed", "draws")}
        serializer = WhatIfQuerySerializer(
            data={name: value for name, value in data.items() if value is not None}
        )
        if not serializer.is_valid():
            raise CommandError(
                "\n".join(
                    f"--{name}: {' '.join(str(message) for message in messages)}"
                    for name, messages in serializer.errors.items()
                )
            )
        return evaluate_options(serializer.validated_data)

    def saving_user(self, workspace, username):
        """``--user`` when it may write in the workspace, else the workspace's first owner."""
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("There is no user “%(username)s”.") % {"username": username})
            if not Role.allows(role_of(user, workspace), Role.EDITOR):
                raise CommandError(
                    _("%(username)s is not an editor or owner of the workspace: they cannot save a run.")
                    % {"username": username}
                )
            return user
        owner = (
            WorkspaceMember.objects.filter(workspace=workspace, role=Role.OWNER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if owner is None:
            raise CommandError(_("The workspace has no owner to save the run: name one with --user."))
        return owner.user

    def evaluate(self, workspace, what_if, *, verbose):
        console = Console(file=getattr(self.stderr, "_out", self.stderr), highlight=False)
        try:
            if not verbose:
                return actions.evaluate(workspace, **what_if)
            with console.status(_("Scoring, ranking and choosing the portfolio…")):
                evaluation = actions.evaluate(workspace, **what_if)
        except (MCDAError, PortfolioError) as error:
            raise CommandError(
                _("The priorities cannot be evaluated: %(error)s") % {"error": error}
            ) from error
        console.print(
            _("Evaluated %(count)s networks in %(workspace)s.")
            % {"count": len(evaluation["networks"]), "workspace": workspace.name}
        )
        if evaluation["not_open"]:
            console.print(
                _("%(count)s regional or national networks of other regions or countries are not open to it.")
                % {"count": len(evaluation["not_open"])}
            )
        return evaluation

    def console(self):
        return Console(file=getattr(self.stdout, "_out", self.stdout), width=140, highlight=False)

    def print_ranking(self, evaluation, top):
        inputs = evaluation["inputs"]
        networks = evaluation["networks"][: top or None]
        table = Table(
            title=_("Ranking of %(count)s networks (the first %(shown)s)")
            % {"count": len(evaluation["networks"]), "shown": len(networks)}
        )
        table.add_column(_("rank"), justify="right")
        table.add_column(_("network"))
        table.add_column(_("score"), justify="right")
        table.add_column(_("TOPSIS rank"), justify="right")
        table.add_column(_("robust"))
        table.add_column(_("fee (%(currency)s)") % {"currency": inputs["currency"]}, justify="right")
        table.add_column(_("portfolio"))
        table.add_column(_("proposal"))
        statuses = dict(PortfolioStatus.choices)
        actions_by_network = {
            recommendation["network_id"]: recommendation_label(recommendation["action"])
            for recommendation in evaluation["portfolio"]["recommendations"]
        }
        for network in networks:
            table.add_row(
                str(network["wsm_rank"]),
                network["name"],
                f"{network['weighted_sum']:.3f}",
                str(network["topsis_rank"]),
                robustness(network, inputs["top_k"]),
                fee_text(network),
                str(statuses.get(network["portfolio_status"], "")),
                actions_by_network.get(network["id"], ""),
            )
        self.console().print(table)

    def print_portfolio(self, evaluation):
        portfolio, inputs = evaluation["portfolio"], evaluation["inputs"]
        console = self.console()
        names = {network["id"]: network["name"] for network in evaluation["networks"]}
        console.print(
            _("Proposed portfolio: %(count)s networks; solver status %(status)s, optimality gap %(gap)s.")
            % {
                "count": len(portfolio["selected"]),
                "status": portfolio["status"],
                "gap": _("unknown") if portfolio["gap"] is None else f"{portfolio['gap']:.2%}",
            }
        )
        amounts = {
            "fees": f"{portfolio['fees_total']:,.0f}",
            "budget": f"{portfolio['budget'] or 0:,.0f}",
            "currency": inputs["currency"],
            "hours": f"{portfolio['hours_total']:,.1f}",
            "available": f"{portfolio['hours_available'] or 0:,.1f}",
        }
        if portfolio["budget"] is None:
            console.print(_("Fees: %(fees)s %(currency)s a year (no budget set).") % amounts)
        else:
            console.print(_("Fees: %(fees)s of a budget of %(budget)s %(currency)s a year.") % amounts)
        if portfolio["hours_available"] is None:
            console.print(_("Staff hours: %(hours)s a month (no limit set).") % amounts)
        else:
            console.print(_("Staff hours: %(hours)s of %(available)s a month.") % amounts)
        if portfolio["uncovered_themes"]:
            console.print(
                _("Priority themes no proposed network covers: %(themes)s.")
                % {"themes": ", ".join(portfolio["uncovered_themes"])}
            )
        greedy = portfolio["greedy"]
        console.print(
            _(
                "Objective %(objective)s (value %(value)s less overlap and coverage penalties) in %(seconds)s s; "
                "a greedy choice reaches %(greedy)s in %(greedy_seconds)s s."
            )
            % {
                "objective": number(portfolio["objective"]),
                "value": number(portfolio["value"]),
                "seconds": number(portfolio["seconds"]),
                "greedy": number(greedy.get("objective", greedy["value"])),
                "greedy_seconds": number(greedy["seconds"]),
            }
        )
        table = Table(title=_("What to do"))
        table.add_column(_("action"))
        table.add_column(_("network"))
        table.add_column(_("reasons"))
        for recommendation in portfolio["recommendations"]:
            table.add_row(
                recommendation_label(recommendation["action"]),
                recommendation["name"] or names.get(recommendation["network_id"], ""),
                "\n".join(recommendation["reasons"]),
            )
        console.print(table)


def robustness(network, top_k):
    """``"yes (93%)"``: robust or not, and the share of draws in which the network is in the top k."""
    return _("%(answer)s (%(share)s in the top %(k)s)") % {
        "answer": _("yes") if network["robust"] else _("no"),
        "share": f"{network['top_k_share']:.0%}",
        "k": top_k,
    }


def number(value):
    """Three decimals, or a dash for a figure the solver could not give."""
    return "–" if value is None else f"{value:.3f}"


def recommendation_label(action):
    """The translated name of a recommendation (keep, join, reconsider, leave)."""
    return str(dict(Recommendation.choices).get(action, action))


def fee_text(network):
    if network["fee"] is None:
        return _("unknown")
    fee = f"{network['fee']:,.0f}"
    return _("%(fee)s (estimate)") % {"fee": fee} if network["fee_estimated"] else fee
