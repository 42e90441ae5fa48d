//! Reading a row as a tuple of typed columns, first column first, so that a query says the
//! types of what it reads once: `stmt.query_map(params, columns::<(String, Option<String>)>)`.

use rusqlite::types::FromSql;
use rusqlite::Row;

/// A tuple of column types that a row can be read as, its first column first.
pub(crate) trait Columns: Sized {
    /// Reads `row`'s first columns as this tuple.
    fn read(row: &Row<'_>) -> rusqlite::Result<Self>;
}

macro_rules! columns {
    ($($column:ident $index:tt),+) => {
        impl<$($column: FromSql),+> Columns for ($($column,)+) {
            fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
                Ok(($(row.get::<_, $column>($index)?,)+))
            }
        }
    };
}

columns!(A 0, B 1);
columns!(A 0, B 1, C 2);
columns!(A 0, B 1, C 2, D 3);
columns!(A 0, B 1, C 2, D 3, E 4);
columns!(A 0, B 1, C 2, D 3, E 4, F 5);
columns!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
columns!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
columns!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
columns!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);

/// Reads `row` as the tuple `T` (a function to hand `query_map` or `query_row`).
pub(crate) fn columns<T: Columns>(row: &Row<'_>) -> rusqlite::Result<T> {
    T::read(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_read_as_its_typed_columns_in_order() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let row: (String, i64, Option<String>) =
            conn.query_row("SELECT 'a', 7, NULL", [], columns).unwrap();
        assert_eq!(row, ("a".to_string(), 7, None));
        let wrong = conn.query_row("SELECT 'a', 'b'", [], columns::<(String, i64)>);
        assert!(wrong.is_err(), "a text is not an integer");
    }
}
