"""The one exception class the package raises for input it cannot analyse."""


class ArticleError(ValueError):
    """An article that cannot be read or analysed: missing, empty, binary, undecodable ...

    The message names the problem in one line, so the CLI can print it as is.
    """


class ModelNotFoundError(RuntimeError):
    """No spaCy English model is installed under any of the names tried."""


class NotebookFailed(RuntimeError):
    """A notebook cell raised while the report ran; the message names the notebook and the cell."""


class ReferenceTableError(ArticleError):
    """A reference table (states, blocs, aliases, CAMEO sectors, a lexicon) that cannot be read or parsed.

    The message is one line: ``<file>, line <n>: <what is wrong>``, so the CLI prints it as is (exit 2).
    """
