//! The SQL both storage backends share.
//!
//! Statements are written once, in the dialect SQLite and PostgreSQL have in
//! common (`ON CONFLICT`, `RETURNING`, `CAST`), with `?N` parameters; the
//! PostgreSQL side renames those to `$N`. Values cross the boundary as four
//! kinds only, which is all the schema uses: 64-bit integers, text, optional
//! text and bytes.

use std::fmt;

/// A value bound to a `?N` parameter.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// A 64-bit integer (`BIGINT`).
    Int(i64),
    /// Text.
    Text(&'a str),
    /// Text or `NULL`.
    OptText(Option<&'a str>),
    /// Bytes (`BLOB` / `BYTEA`).
    Bytes(&'a [u8]),
}

/// One value read back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
}

/// A row read back, taken apart column by column.
#[derive(Debug)]
pub(crate) struct Row(pub(crate) Vec<Cell>);

/// A storage step that failed, in the database's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DbError(pub(crate) String);

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the client sent and no backend may be given: PostgreSQL text cannot
/// hold U+0000, so neither backend takes it, and the client hears why.
pub(crate) const NUL_IN_TEXT: &str =
    "a value used to find or store data contains the character U+0000, which cannot be stored";

/// Refuses arguments no backend may be given (see [`NUL_IN_TEXT`]).
pub(crate) fn check_args(args: &[Arg<'_>]) -> Result<(), DbError> {
    let nul = args.iter().any(|a| match a {
        Arg::Text(s) | Arg::OptText(Some(s)) => s.contains('\0'),
        _ => false,
    });
    if nul {
        Err(DbError(NUL_IN_TEXT.into()))
    } else {
        Ok(())
    }
}

impl Row {
    fn take(&mut self, i: usize) -> Cell {
        self.0
            .get_mut(i)
            .map(|c| std::mem::replace(c, Cell::Null))
            .unwrap_or(Cell::Null)
    }

    fn mismatch(i: usize, want: &str, got: &Cell) -> DbError {
        DbError(format!(
            "column {i} holds {got:?} where {want} was expected"
        ))
    }

    /// Column `i` as an integer.
    pub(crate) fn int(&mut self, i: usize) -> Result<i64, DbError> {
        match self.take(i) {
            Cell::Int(v) => Ok(v),
            other => Err(Self::mismatch(i, "an integer", &other)),
        }
    }

    /// Column `i` as an integer or `NULL` (`min` and `max` of no rows).
    pub(crate) fn opt_int(&mut self, i: usize) -> Result<Option<i64>, DbError> {
        match self.take(i) {
            Cell::Int(v) => Ok(Some(v)),
            Cell::Null => Ok(None),
            other => Err(Self::mismatch(i, "an integer", &other)),
        }
    }

    /// Column `i` as text.
    pub(crate) fn text(&mut self, i: usize) -> Result<String, DbError> {
        match self.take(i) {
            Cell::Text(v) => Ok(v),
            other => Err(Self::mismatch(i, "text", &other)),
        }
    }

    /// Column `i` as text or `NULL`.
    pub(crate) fn opt_text(&mut self, i: usize) -> Result<Option<String>, DbError> {
        match self.take(i) {
            Cell::Text(v) => Ok(Some(v)),
            Cell::Null => Ok(None),
            other => Err(Self::mismatch(i, "text", &other)),
        }
    }

    /// Column `i` as bytes.
    pub(crate) fn bytes(&mut self, i: usize) -> Result<Vec<u8>, DbError> {
        match self.take(i) {
            Cell::Bytes(v) => Ok(v),
            // SQLite hands back whatever type was stored; an empty body may come as text.
            Cell::Text(v) => Ok(v.into_bytes()),
            other => Err(Self::mismatch(i, "bytes", &other)),
        }
    }
}

/// Which writes must not interleave across service processes. SQLite has one
/// writer per process anyway; PostgreSQL takes a transaction-scoped advisory lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Serial {
    /// Nothing beyond the transaction itself.
    None,
    /// Statement writes: `stored` and the paging order follow commit order.
    Statements,
    /// Document writes: a precondition check and its write are one step.
    Documents,
    /// A read that must see no statement write in progress (shared with
    /// other such reads).
    StatementsSettled,
}

/// A connection inside a transaction, as the store's logic sees it.
pub(crate) trait Sql {
    /// Runs a statement; the number of rows it changed.
    fn exec(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, DbError>;

    /// Runs a query; every row.
    fn rows(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, DbError>;

    /// Runs a query; its first row, if any.
    fn first(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Option<Row>, DbError> {
        Ok(self.rows(sql, args)?.into_iter().next())
    }

    /// The clock `stored` and document times come from, in unix nanoseconds
    /// truncated to microseconds (the database's clock where several
    /// processes share one database, so their clocks cannot disagree).
    fn now_ns(&mut self) -> Result<i64, DbError>;
}

/// Most rows one multi-row statement carries: well under SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters, for the widest row the schema has.
pub(crate) const ROWS_PER_STATEMENT: usize = 500;

/// `(?1, ?2), (?3, ?4)`: placeholders for `rows` rows of `width` values.
pub(crate) fn values(rows: usize, width: usize) -> String {
    let mut out = String::with_capacity(rows * width * 5);
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for c in 0..width {
            if c > 0 {
                out.push_str(", ");
            }
            out.push('?');
            out.push_str(&(r * width + c + 1).to_string());
        }
        out.push(')');
    }
    out
}

/// `?1, ?2, ?3`: a list of `n` placeholders.
pub(crate) fn list(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `sql` with `?N` parameters renamed `$N`, PostgreSQL's spelling.
pub(crate) fn dollar_params(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_across_rows() {
        assert_eq!(values(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
        assert_eq!(list(3), "?1, ?2, ?3");
        assert_eq!(
            dollar_params("a = ?1 AND b IN (?2, ?12) AND c = '?'"),
            "a = $1 AND b IN ($2, $12) AND c = '?'"
        );
    }

    #[test]
    fn rows_say_what_they_hold() {
        let mut row = Row(vec![Cell::Int(3), Cell::Text("x".into()), Cell::Null]);
        assert_eq!(row.int(0), Ok(3));
        assert_eq!(row.opt_text(2), Ok(None));
        assert!(row.int(1).is_err_and(|e| e.0.contains("an integer")));
    }
}
