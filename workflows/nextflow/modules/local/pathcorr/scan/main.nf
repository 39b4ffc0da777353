// PATHCORR_SCAN: the scatter step, one `pathcorr scan` per patient over all of that patient's VCFs (Strelka2
// SNVs + indels, ...), so they are merged exactly as in `pathcorr run`.
//
// input:  [ meta, vcfs ]  meta.id = patient ID; meta.tumor_samples = optional list with one tumour sample name
//                         (or '') per VCF, in the order of vcfs
// output: [ meta, "${prefix}.calls.tsv" ], versions.yml
//
// The VCFs are staged into numbered directories (two files of one patient may share a name when they come from a
// sample sheet) and listed in a per-patient sample sheet, so the patient ID is meta.id whatever the file names.
// Exit 4 (--keep-going in ext.args skipped a damaged VCF; calls.tsv is complete and records it) counts as success.
// pathcorr is not on Bioconda: it must be on PATH, in workflows/nextflow/bin/, or in a process.container.

process PATHCORR_SCAN {
    tag "$meta.id"
    label 'process_single'

    input:
    tuple val(meta), path(vcfs, stageAs: 'vcf?/*')

    output:
    tuple val(meta), path("*.calls.tsv"), emit: calls
    path "versions.yml"                 , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args   = task.ext.args ?: ''
    def prefix = task.ext.prefix ?: "${meta.id}"
    def files  = vcfs instanceof List ? vcfs : [ vcfs ]
    def tumors = meta.tumor_samples ?: []
    // Single-quoted for the shell, so that any patient ID, file or sample name survives.
    def q      = { s -> "'" + s.toString().replace("'", "'\\''") + "'" }
    def rows   = files.withIndex().collect { vcf, i -> [ q(meta.id), q(vcf), q(tumors[i] ?: '') ].join(' ') }
    def sheet  = q("${prefix}.samples.tsv")
    def calls  = q("${prefix}.calls.tsv")
    """
    printf 'patient_id\\tvcf\\ttumor_sample\\n' > ${sheet}
    printf '%s\\t%s\\t%s\\n' ${rows.join(' ')} >> ${sheet}

    pathcorr scan \\
        $args \\
        --threads $task.cpus \\
        --samples ${sheet} \\
        --output ${calls} \\
        || [ \$? -eq 4 ]

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        pathcorr: \$(pathcorr --version 2>&1 | sed 's/^pathcorr //')
    END_VERSIONS
    """

    stub:
    def prefix = task.ext.prefix ?: "${meta.id}"
    def q      = { s -> "'" + s.toString().replace("'", "'\\''") + "'" }
    """
    touch ${q("${prefix}.calls.tsv")}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        pathcorr: \$(pathcorr --version 2>&1 | sed 's/^pathcorr //')
    END_VERSIONS
    """
}
