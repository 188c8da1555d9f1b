from conftest import Runner


def test_show_article_five(run: Runner) -> None:
    result = run("show", "5", "--format", "plain")
    assert result.code == 0
    assert result.out.startswith("Article 5  Reciprocal representation\n第五条  对等出席会议\n")
