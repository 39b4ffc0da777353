#!/usr/bin/env nextflow
// pathcorr as a Nextflow DSL2 pipeline (SPEC "Workflows"): PATHCORR_SCAN once per patient (scatter), then
// PATHCORR_JOIN and PATHCORR_TEST once over the cohort (gather). Tables in --outdir equal those of `pathcorr run`
// on the same inputs and options, comment lines aside: calls/<patient>.calls.tsv, matrix.tsv, samples.tsv,
// associations.tsv, pipeline_info/versions.yml.
//
//   nextflow run workflows/nextflow --vcf_dir vcfs/ --clinical clinical.tsv --outdir results
//   nextflow run workflows/nextflow --samples sheet.tsv --clinical clinical.tsv --outdir results
//   nextflow run workflows/nextflow --input sarek_results/csv/variantcalled.csv --clinical clinical.tsv
//
// Inputs (exactly one of the first three; see README.md):
//   --vcf_dir   directory of *.vcf, *.vcf.gz, *.vcf.bgz, *.bcf (not recursive); patient = file name up to its
//               first '.', several files per patient allowed
//   --samples   pathcorr sample sheet (TSV, or CSV by extension): patient_id, vcf, optional tumor_sample;
//               relative vcf paths are relative to the sheet's directory, as in `pathcorr scan --samples`
//   --input     nf-core/sarek's csv/variantcalled.csv (patient,sample,variantcaller,vcf)
//   --clinical  clinical table (required); --outdir (default "results")

nextflow.enable.dsl = 2

include { PATHCORR_SCAN } from './modules/local/pathcorr/scan/main'
include { PATHCORR_JOIN } from './modules/local/pathcorr/join/main'
include { PATHCORR_TEST } from './modules/local/pathcorr/test/main'

// Patient of a VCF when there is no sheet: the file name up to its first '.' ("HN01.mutect2.vcf.gz" -> "HN01").
def patientFromFileName(String name) {
    def dot = name.indexOf('.')
    return dot < 0 ? name : name.substring(0, dot)
}

// Column names of a sheet row, BOM and case removed, so that lookups follow pathcorr's reader.
def normaliseRow(Map row) {
    return row.collectEntries { key, value ->
        [ (key.toString().replace('\uFEFF', '').trim().toLowerCase()): (value == null ? '' : value.toString().trim()) ]
    }
}

def commaList(value) {
    return value ? value.toString().tokenize(',').collect { item -> item.trim() }.findAll { item -> item } : []
}

// Tumour sample of one row of sarek's variantcalled.csv, or '' to let pathcorr decide (SPEC "Tumour sample").
// Sarek names a somatic pair "<tumour>_vs_<normal>" in `sample`. Tumour-only VCFs hold one sample, and Strelka2
// and MuSE (column TUMOR) and Mutect2 (##tumor_sample=) name the tumour themselves; other paired callers
// (FreeBayes) name the columns by read-group SM, which sarek sets to "<patient>_<sample>": params.sarek_tumor_sample.
def sarekTumorSample(Map row) {
    if (!row.variantcaller || !row.sample.contains('_vs_') || !params.sarek_tumor_sample) return ''
    if (commaList(params.sarek_tumor_named_callers).contains(row.variantcaller)) return ''
    def tumour = row.sample.substring(0, row.sample.indexOf('_vs_'))
    return params.sarek_tumor_sample.toString().replace('{patient}', row.patient).replace('{tumor}', tumour)
}

// [ meta, [ vcf, ... ] ] per patient from --vcf_dir: the files `pathcorr scan DIR` would read, sorted by name.
def vcfDirChannel(String dir) {
    return Channel
        .fromPath("${dir}/*.{vcf,vcf.gz,vcf.bgz,bcf}", checkIfExists: true, type: 'file')
        .map { vcf -> [ patientFromFileName(vcf.name), vcf ] }
        .groupTuple()
        .map { patient, vcfs -> [ [ id: patient ], vcfs.sort(false) { vcf -> vcf.name } ] }
}

// [ meta, [ vcf, ... ] ] per patient from a pathcorr sample sheet, rows in sheet order; meta.tumor_samples holds
// the tumor_sample column.
def sampleSheetChannel(String path) {
    def sheet = file(path, checkIfExists: true)
    def sep = sheet.name.toLowerCase().endsWith('.csv') ? ',' : '\t'
    return Channel
        .fromPath(sheet)
        .splitCsv(header: true, sep: sep)
        .map { raw -> normaliseRow(raw) }
        .filter { row -> row.values().any { value -> value } }
        .map { row ->
            if (!row.containsKey('patient_id') || !row.containsKey('vcf'))
                error("${sheet}: the sample sheet needs columns patient_id and vcf (optional tumor_sample)")
            if (!row.patient_id) error("${sheet}: a row has an empty patient_id")
            if (!row.vcf) error("${sheet}: patient '${row.patient_id}' has an empty vcf")
            def vcf = file(sheet.parent.resolve(row.vcf).toString(), checkIfExists: true)
            [ row.patient_id, vcf, row.tumor_sample ?: '' ]
        }
        .groupTuple()
        .map { patient, vcfs, tumors -> [ [ id: patient, tumor_samples: tumors ], vcfs ] }
}

// [ meta, [ vcf, ... ] ] per patient from sarek's csv/variantcalled.csv (or the annotate-step sheet
// patient,sample,vcf). Only params.sarek_variantcallers are read (germline, SV and CNV callers are left out);
// when a patient has tumour/normal pairs ("T_vs_N"), only the paired VCFs are read, so a germline call on the
// normal is never taken for a somatic one.
def sarekChannel(String path) {
    def csv = file(path, checkIfExists: true)
    def callers = commaList(params.sarek_variantcallers)
    return Channel
        .fromPath(csv)
        .splitCsv(header: true, sep: ',')
        .map { raw -> normaliseRow(raw) }
        .filter { row -> row.values().any { value -> value } }
        .map { row ->
            if (!row.patient || !row.sample || !row.vcf)
                error("${csv}: expected sarek's variantcalled.csv with columns patient,sample,variantcaller,vcf; got a row ${row}")
            row
        }
        .filter { row -> !row.variantcaller || callers.contains(row.variantcaller) }
        .map { row -> [ row.patient, row ] }
        .groupTuple()
        .map { patient, rows ->
            def paired = rows.findAll { row -> row.sample.contains('_vs_') }
            def used   = (paired ?: rows).sort(false) { row -> [ row.sample, row.variantcaller ?: '', row.vcf ].join('\t') }
            [ [ id: patient, tumor_samples: used.collect { row -> sarekTumorSample(row) } ],
              used.collect { row -> file(row.vcf, checkIfExists: true) } ]
        }
}

workflow PATHCORR {
    take:
    ch_vcfs      // channel: [ val(meta), [ vcf, ... ] ], one item per patient
    ch_clinical  // value:   the clinical table

    main:
    ch_versions = Channel.empty()

    PATHCORR_SCAN(ch_vcfs)
    ch_versions = ch_versions.mix(PATHCORR_SCAN.out.versions.first())

    // Gather: every patient's calls in one join, in patient order.
    ch_calls = PATHCORR_SCAN.out.calls
        .toSortedList { a, b -> a[0].id <=> b[0].id }
        .map { items -> [ [ id: 'cohort' ], items.collect { item -> item[1] } ] }
    PATHCORR_JOIN(ch_calls, ch_clinical)
    ch_versions = ch_versions.mix(PATHCORR_JOIN.out.versions)

    PATHCORR_TEST(PATHCORR_JOIN.out.matrix, ch_clinical)
    ch_versions = ch_versions.mix(PATHCORR_TEST.out.versions)

    emit:
    calls        = PATHCORR_SCAN.out.calls        // channel: [ val(meta), calls.tsv ]
    matrix       = PATHCORR_JOIN.out.matrix       // channel: [ val(meta), matrix.tsv ]
    samples      = PATHCORR_JOIN.out.samples      // channel: [ val(meta), samples.tsv ]
    associations = PATHCORR_TEST.out.associations // channel: [ val(meta), associations.tsv ]
    versions     = ch_versions                    // channel: versions.yml
}

workflow {
    def sources = [ params.vcf_dir, params.samples, params.input ].findAll { source -> source }
    if (sources.size() != 1)
        error("pathcorr: give exactly one of --vcf_dir DIR, --samples SHEET or --input variantcalled.csv")
    if (!params.clinical)
        error("pathcorr: give the clinical table with --clinical FILE")

    def ch_vcfs
    if (params.vcf_dir) {
        ch_vcfs = vcfDirChannel(params.vcf_dir.toString())
    } else if (params.samples) {
        ch_vcfs = sampleSheetChannel(params.samples.toString())
    } else {
        ch_vcfs = sarekChannel(params.input.toString())
    }

    PATHCORR(ch_vcfs, file(params.clinical, checkIfExists: true))

    PATHCORR.out.versions
        .unique()
        .collectFile(name: 'versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: true)
}
