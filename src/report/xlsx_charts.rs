//! The run's workbook sheet "Biểu đồ / Charts": the data of each chart in a small table and a
//! native, editable Excel chart beside it (growth by year with its P10–P90 range, the growth
//! decomposition, the funding realised against plan, the distribution of average growth and
//! the funding curve).

use super::Lang;
use crate::model::Projection;
use crate::montecarlo::Summary;
use rust_xlsxwriter::{Chart, ChartType, Format, Worksheet, XlsxError};

/// The sheet's name in `lang`.
pub fn sheet_name(lang: Lang) -> &'static str {
    crate::report::msg(lang, "charts")
}

/// Writes the headers of a data block at `(r, c)`.
fn header(ws: &mut Worksheet, r: u32, c: u16, names: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    for (j, n) in names.iter().enumerate() {
        ws.write_string_with_format(r, c + j as u16, *n, &bold)?;
    }
    Ok(())
}

/// A chart of `kind` with one series per column `cols` over rows `r0..=r1`, categories in
/// column `cat`; series names from the header row `r0 - 1`.
#[allow(clippy::too_many_arguments)]
fn chart(
    sheet: &str,
    kind: ChartType,
    r0: u32,
    r1: u32,
    cat: u16,
    cols: &[u16],
    title: &str,
    y: &str,
) -> Chart {
    let mut ch = Chart::new(kind);
    for &c in cols {
        ch.add_series()
            .set_categories((sheet, r0, cat, r1, cat))
            .set_values((sheet, r0, c, r1, c))
            .set_name((sheet, r0 - 1, c));
    }
    ch.title().set_name(title);
    ch.y_axis().set_name(y);
    ch.set_width(640).set_height(340);
    ch
}

/// Fills the Charts sheet; `s` is the Monte Carlo summary (`None`: only the decomposition).
///
/// # Errors
/// Workbook errors.
pub fn charts_sheet(
    ws: &mut Worksheet,
    p: &Projection,
    s: Option<&Summary>,
    l: Lang,
) -> Result<(), XlsxError> {
    let sheet = sheet_name(l);
    let pct = Format::new().set_num_format("0.00%");
    let money = Format::new().set_num_format("#,##0.0");
    let year = Format::new().set_num_format("0");
    ws.set_column_width(0, 14)?;
    let mut r: u32 = 0;
    let title = Format::new().set_bold().set_font_size(13);
    ws.write_string_with_format(
        r,
        0,
        crate::report::msg(l, "each_chart_s_data_and_an_editable_excel_chart"),
        &title,
    )?;
    r += 2;
    // 1. growth decomposition (deterministic)
    let n = p.years.len() as u32;
    header(
        ws,
        r,
        0,
        &[
            crate::report::msg(l, "year"),
            "TFP",
            crate::report::msg(l, "capital"),
            crate::report::msg(l, "labour"),
        ],
    )?;
    for (i, y) in p.years.iter().enumerate() {
        let rr = r + 1 + i as u32;
        ws.write_number_with_format(rr, 0, f64::from(y.year), &year)?;
        ws.write_number_with_format(rr, 1, y.contrib_tfp, &pct)?;
        ws.write_number_with_format(rr, 2, y.contrib_capital, &pct)?;
        ws.write_number_with_format(rr, 3, y.contrib_labour, &pct)?;
    }
    let ch = chart(
        sheet,
        ChartType::ColumnStacked,
        r + 1,
        r + n,
        0,
        &[1, 2, 3],
        crate::report::msg(l, "contributions_to_grdp_growth_deterministic"),
        crate::report::msg(l, "growth_2"),
    );
    ws.insert_chart(r, 6, &ch)?;
    r += n.max(17) + 3;
    let Some(s) = s else { return Ok(()) };

    // 2. growth by year: P10, P50, P90 and the target
    header(
        ws,
        r,
        0,
        &[
            crate::report::msg(l, "year"),
            "P10",
            crate::report::msg(l, "median"),
            "P90",
            crate::report::msg(l, "target"),
        ],
    )?;
    for (i, y) in s.years.iter().enumerate() {
        let rr = r + 1 + i as u32;
        ws.write_number_with_format(rr, 0, f64::from(y.year), &year)?;
        ws.write_number_with_format(rr, 1, y.growth.p10, &pct)?;
        ws.write_number_with_format(rr, 2, y.growth.p50, &pct)?;
        ws.write_number_with_format(rr, 3, y.growth.p90, &pct)?;
        ws.write_number_with_format(rr, 4, s.target, &pct)?;
    }
    let ny = s.years.len() as u32;
    let ch = chart(
        sheet,
        ChartType::Line,
        r + 1,
        r + ny,
        0,
        &[1, 2, 3, 4],
        crate::report::msg(l, "real_grdp_growth_per_year_p10_p50_p90"),
        crate::report::msg(l, "a_year"),
    );
    ws.insert_chart(r, 6, &ch)?;
    r += ny.max(17) + 3;

    // 3. funding realised against plan
    header(
        ws,
        r,
        0,
        &[
            crate::report::msg(l, "funding_source"),
            crate::report::msg(l, "plan_2"),
            crate::report::msg(l, "realised_median"),
        ],
    )?;
    for (i, f) in s.funding.iter().enumerate() {
        let rr = r + 1 + i as u32;
        ws.write_string(rr, 0, l.pick(&f.label_vi, &f.label_en))?;
        ws.write_number_with_format(rr, 1, f.plan, &money)?;
        ws.write_number_with_format(rr, 2, f.realised.p50, &money)?;
    }
    let nf = s.funding.len() as u32;
    let ch = chart(
        sheet,
        ChartType::Bar,
        r + 1,
        r + nf,
        0,
        &[1, 2],
        crate::report::msg(l, "funding_realised_against_plan_whole_period"),
        crate::report::msg(l, "thousand_bn_vnd_2"),
    );
    ws.insert_chart(r, 6, &ch)?;
    r += nf.max(17) + 3;

    // 4. distribution of average growth
    let d = &s.cagr_distribution;
    let total: u64 = d.counts.iter().sum::<u64>().max(1);
    header(
        ws,
        r,
        0,
        &[
            crate::report::msg(l, "average_growth_bin_centre"),
            crate::report::msg(l, "share_of_paths"),
        ],
    )?;
    for (i, c) in d.counts.iter().enumerate() {
        let rr = r + 1 + i as u32;
        ws.write_number_with_format(rr, 0, d.lo + (i as f64 + 0.5) * d.width, &pct)?;
        ws.write_number_with_format(rr, 1, *c as f64 / total as f64, &pct)?;
    }
    let nd = d.counts.len() as u32;
    let ch = chart(
        sheet,
        ChartType::Column,
        r + 1,
        r + nd,
        0,
        &[1],
        crate::report::msg(l, "distribution_of_average_growth"),
        crate::report::msg(l, "share_of_paths_2"),
    );
    ws.insert_chart(r, 6, &ch)?;
    r += nd.max(17) + 3;

    // 5. the funding curve
    if !s.funding_curve.is_empty() {
        header(
            ws,
            r,
            0,
            &[
                crate::report::msg(l, "planned_funding_k"),
                crate::report::msg(l, "p_reaching_the_target"),
                crate::report::msg(l, "share_of_planned_investment_spent_median"),
            ],
        )?;
        let k = Format::new().set_num_format("0.0");
        for (i, c) in s.funding_curve.iter().enumerate() {
            let rr = r + 1 + i as u32;
            ws.write_number_with_format(rr, 0, c.funding_scale, &k)?;
            ws.write_number_with_format(rr, 1, c.prob_hit, &pct)?;
            ws.write_number_with_format(rr, 2, c.realised_share_median, &pct)?;
        }
        let nc = s.funding_curve.len() as u32;
        let ch = chart(
            sheet,
            ChartType::Line,
            r + 1,
            r + nc,
            0,
            &[1],
            crate::report::msg(l, "p_reaching_the_target_with_planned_funding_scale"),
            crate::report::msg(l, "probability_3"),
        );
        ws.insert_chart(r, 6, &ch)?;
    }
    Ok(())
}
