//! The document model: what a command shows (title, headline figures, paragraphs, typed
//! tables, figures, notes, sources), independent of any format. Cells hold numbers with a
//! kind, never pre-formatted strings; each renderer ([`super::render`]) formats them once.

use super::charts::Chart;

/// How a number is shown. Files keep the raw value (rates as fractions, money in thousand
/// bn VND); reports format it by its kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A probability (fraction), shown as a percentage with one decimal.
    Probability,
    /// A growth rate or share (fraction), shown as a percentage with `decimals`.
    Rate {
        /// Decimals of the percentage.
        decimals: usize,
    },
    /// A difference of rates in percentage points (stored as a fraction, shown × 100).
    Points,
    /// Money in thousand bn VND (nghìn tỷ đồng).
    MoneyVnd,
    /// Money in bn USD.
    MoneyUsd,
    /// A count (paths, people), no decimals.
    Count,
    /// A calendar year.
    Year,
    /// An identifier written as a whole number without separators (a seed).
    Id,
    /// A plain number with `decimals` (ratios such as ICOR).
    Number {
        /// Decimals shown.
        decimals: usize,
    },
    /// A p-value: four decimals, or "< 0,0001".
    PValue,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A number, shown by its column's kind.
    Num(f64),
    /// Text (labels, names).
    Text(String),
    /// A row label with a stable key for files (`total`, `period`) and a label for reports
    /// ("Cả kỳ" / "Period").
    Key {
        /// Written to CSV.
        key: String,
        /// Shown in reports.
        label: String,
    },
    /// A number with its own kind (a column of mixed figures: key figures, inputs).
    Value(f64, Kind),
    /// An interval (low, high), shown "low – high" in its column's kind.
    Interval(f64, f64),
    /// Nothing (not applicable).
    Empty,
}

impl Cell {
    /// A number, or [`Cell::Empty`] when there is none.
    pub fn opt(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Num)
    }

    /// Numbers, one cell each.
    pub fn nums(values: &[f64]) -> Vec<Cell> {
        values.iter().copied().map(Cell::Num).collect()
    }
}

/// One column: a stable snake_case key (CSV header), a label in the report's language and the
/// kind of its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// CSV header and workbook key, stable across languages and versions.
    pub key: String,
    /// Header shown in reports.
    pub label: String,
    /// How its numbers are shown.
    pub kind: Kind,
    /// Who reads it: everyone, files only (ids, raw values), or readers only (a value
    /// written out as text for a page).
    pub audience: Audience,
}

/// Where a column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Files (CSV, workbook) and readers (page, terminal).
    All,
    /// CSV and workbook only.
    Files,
    /// Page and terminal only.
    Readers,
}

impl Column {
    /// A column.
    pub fn new(key: &str, label: impl Into<String>, kind: Kind) -> Self {
        Column {
            key: key.into(),
            label: label.into(),
            kind,
            audience: Audience::All,
        }
    }

    /// The same column, in CSV and the workbook only.
    pub fn for_files(mut self) -> Self {
        self.audience = Audience::Files;
        self
    }

    /// The same column, on the page and the terminal only.
    pub fn for_readers(mut self) -> Self {
        self.audience = Audience::Readers;
        self
    }
}

/// A typed table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File stem (`required` → `required.csv`) and workbook sheet key; snake_case.
    pub id: String,
    /// Title shown above it (and the workbook sheet's name, shortened).
    pub title: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Rows (by index) shown as totals (bold).
    pub total_rows: Vec<usize>,
    /// The workbook sheet it shares with other tables (stacked, each under its title);
    /// `None`: a sheet of its own, named by its title.
    pub sheet: Option<String>,
    /// Who reads it: everyone; files only (data behind a figure, too long to read on a page:
    /// histogram bins, convergence points; or a wide machine table); or readers only (a
    /// compact view of a files-only table, with intervals written as such).
    pub audience: Audience,
}

impl Table {
    /// An empty table.
    pub fn new(id: &str, title: impl Into<String>, columns: Vec<Column>) -> Self {
        Table {
            id: id.into(),
            title: title.into(),
            columns,
            rows: Vec::new(),
            total_rows: Vec::new(),
            sheet: None,
            audience: Audience::All,
        }
    }

    /// The same table, kept out of the page and the terminal (CSV and workbook only).
    pub fn files_only(mut self) -> Self {
        self.audience = Audience::Files;
        self
    }

    /// The same table, on the page and the terminal only (no CSV, no sheet).
    pub fn readers_only(mut self) -> Self {
        self.audience = Audience::Readers;
        self
    }

    /// Whether files (CSV, workbook) carry it.
    pub fn for_files(&self) -> bool {
        self.audience != Audience::Readers
    }

    /// Whether readers (page, terminal) see it.
    pub fn for_readers(&self) -> bool {
        self.audience != Audience::Files
    }

    /// The same table, written on the workbook sheet `name` together with the other tables
    /// placed there.
    pub fn on_sheet(mut self, name: &str) -> Self {
        self.sheet = Some(name.into());
        self
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Indices of the columns files carry (CSV, workbook), in order.
    pub fn file_columns(&self) -> Vec<usize> {
        self.columns_for(Audience::Readers)
    }

    /// Indices of the columns readers see (page, terminal), in order.
    pub fn reader_columns(&self) -> Vec<usize> {
        self.columns_for(Audience::Files)
    }

    fn columns_for(&self, not: Audience) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&j| self.columns[j].audience != not)
            .collect()
    }
}

/// A native (editable) chart the workbook draws from a table's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct NativeChart {
    /// Chart type.
    pub kind: NativeKind,
    /// The table it plots (its `id`).
    pub table: String,
    /// Column of the categories (x axis).
    pub categories: usize,
    /// Columns plotted as series.
    pub series: Vec<usize>,
    /// Chart title.
    pub title: String,
    /// Value axis title.
    pub y_title: String,
}

/// Native chart types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeKind {
    /// Lines with markers.
    Line,
    /// Vertical columns side by side.
    Column,
    /// Horizontal bars (a tornado).
    Bar,
    /// Vertical columns stacked (contributions that add up).
    StackedColumn,
}

/// A figure: the drawn chart (PNG and SVG) and, where it has one, its native workbook form.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The drawn chart, when the command draws one.
    pub chart: Option<Chart>,
    /// The native workbook chart.
    pub native: Option<NativeChart>,
}

/// A key figure of the headline, with its interval where there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    /// What it is.
    pub label: String,
    /// The value.
    pub value: f64,
    /// How it is shown.
    pub kind: Kind,
    /// A 95% interval, shown beside it.
    pub interval: Option<[f64; 2]>,
}

impl KeyFigure {
    /// A key figure without an interval.
    pub fn new(label: impl Into<String>, value: f64, kind: Kind) -> Self {
        KeyFigure {
            label: label.into(),
            value,
            kind,
            interval: None,
        }
    }
}

/// One block of the body, in order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph of text.
    Paragraph(String),
    /// A typed table.
    Table(Table),
    /// A figure.
    Figure(Figure),
    /// A note (how to read, method).
    Note(String),
    /// A warning (an assumption that matters, an estimate shown as such).
    Warning(String),
}

/// What a command shows.
#[derive(Debug, Clone)]
pub struct Document {
    /// Command that built it (`required`, `run`, …).
    pub command: String,
    /// Title.
    pub title: String,
    /// Subtitle (scenario title, settings).
    pub subtitle: String,
    /// The answer in a sentence or two, shown large under the title (the first as the
    /// headline, the rest as its verdict).
    pub lead: Vec<String>,
    /// Key figures.
    pub headline: Vec<KeyFigure>,
    /// Body.
    pub blocks: Vec<Block>,
    /// Sources and provenance lines (tool version, scenario, seed).
    pub sources: Vec<String>,
    /// Name of the workbook's first sheet (title, headline, notes); "Tóm tắt" / "Summary"
    /// when `None`. Tables placed on a sheet of this name are written there.
    pub summary_sheet: Option<String>,
}

impl Document {
    /// An empty document.
    pub fn new(command: &str, title: impl Into<String>, subtitle: impl Into<String>) -> Self {
        Document {
            command: command.into(),
            title: title.into(),
            subtitle: subtitle.into(),
            lead: Vec::new(),
            headline: Vec::new(),
            blocks: Vec::new(),
            sources: Vec::new(),
            summary_sheet: None,
        }
    }

    /// The tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// The figures, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
    }
}
