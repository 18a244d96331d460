"""`tally group add|list|member add|member remove` and `tally source restrict|unrestrict`:
access groups of the workspace (issue 19 item 4; the rule is tally.store.access)."""

from __future__ import annotations

import typer

from tally.cli._shared import echo_json, open_project, out, safe

group_app = typer.Typer(help="Access groups: sources restricted to their members.\n\nExample:\n\n"
                        "    tally group add jableh-team", no_args_is_help=True)
member_app = typer.Typer(help="Members of an access group.\n\nExample:\n\n"
                         "    tally group member add jableh-team rana", no_args_is_help=True)


@group_app.command("add")
def group_add(ctx: typer.Context,
              name: str = typer.Argument(..., help="The group's name, e.g. jableh-team.")) -> None:
    """Create an access group (empty: add members, then restrict sources to it).

    Example:

        tally group add jableh-team
    """
    from tally.store.access import add_group

    add_group(open_project(ctx), name)
    out.print(f"Added group [bold]{safe(name)}[/]")


@group_app.command("list")
def group_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List access groups with their members and restricted sources.

    Example:

        tally group list --json
    """
    from tally.store.access import list_groups

    groups = list_groups(open_project(ctx))
    if as_json:
        echo_json([g.__dict__ for g in groups], indent=2)
        return
    for g in groups:
        out.print(f"{safe(g.name)}: members {safe(', '.join(g.members) or '-')}; "
                  f"sources {safe(', '.join(g.sources) or '-')}")


@member_app.command("add")
def member_add(ctx: typer.Context, group: str = typer.Argument(..., help="The group."),
               user: str = typer.Argument(..., help="A workspace user (tally user add).")) -> None:
    """Make a workspace user a member of a group: they then read its sources.

    Example:

        tally group member add jableh-team rana
    """
    from tally.store.access import add_member

    add_member(open_project(ctx), group, user)
    out.print(f"{safe(user)} is now a member of {safe(group)}")


@member_app.command("remove")
def member_remove(ctx: typer.Context, group: str = typer.Argument(..., help="The group."),
                  user: str = typer.Argument(..., help="The member to remove.")) -> None:
    """Remove a member from a group (from their next page on).

    Example:

        tally group member remove jableh-team rana
    """
    from tally.store.access import remove_member

    remove_member(open_project(ctx), group, user)
    out.print(f"{safe(user)} is no longer a member of {safe(group)}")


def source_restrict(ctx: typer.Context,
                    source_id: str = typer.Argument(..., metavar="SOURCE", help="The source's id."),
                    group: str = typer.Argument(..., help="The group whose members may read it.")
                    ) -> None:
    """Restrict a source (its documents and records) to a group's members; others
    see that it exists, never its content.

    Example:

        tally source restrict hospital-staff jableh-team
    """
    from tally.store.access import restrict_source

    restrict_source(open_project(ctx), source_id, group)
    out.print(f"Source {safe(source_id)} is restricted to {safe(group)}")


def source_unrestrict(ctx: typer.Context,
                      source_id: str = typer.Argument(..., metavar="SOURCE", help="The source's id."),
                      group: str = typer.Argument(..., help="The group to lift.")) -> None:
    """Lift a source's restriction to a group (other groups' restrictions stay).

    Example:

        tally source unrestrict hospital-staff jableh-team
    """
    from tally.store.access import unrestrict_source

    unrestrict_source(open_project(ctx), source_id, group)
    out.print(f"Source {safe(source_id)} is no longer restricted to {safe(group)}")


def register(app: typer.Typer) -> None:
    from tally.cli.project_commands import source_app

    source_app.command("restrict")(source_restrict)
    source_app.command("unrestrict")(source_unrestrict)
    group_app.add_typer(member_app, name="member")
    app.add_typer(group_app, name="group")
